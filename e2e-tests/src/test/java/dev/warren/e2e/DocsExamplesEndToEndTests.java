package dev.warren.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of {@code docs/protocol.md}, copied from the page as a reader copies them
 * and run against the embedded mode ({@code ./warren}'s defaults, on free ports): the
 * {@code curl} registration and its documented answers, the amqplib producer, the
 * stomp.js subscriber, the JSON subscriber for Node.js and the browser's JSON script (run
 * by Node.js, whose {@code WebSocket} is the browser's API). Each must show what the page
 * says it shows.
 */
class DocsExamplesEndToEndTests {

	private static final ObjectMapper json = JsonMapper.builder().build();

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@Test
	void theProtocolPageExamplesWorkAsShown(@TempDir Path workDir) throws Exception {
		int httpPort = WarrenProcess.freePort();
		String brokerPort = Integer.toString(WarrenProcess.freePort());
		String edgePort = Integer.toString(WarrenProcess.freePort());
		Map<String, String> env = Map.of("WARREN_BROKER_PORT", brokerPort, "WARREN_TEST_MODE", "true",
				"WARREN_SOCKET_EDGE_PORT", edgePort);
		// The page addresses ./warren's ports; this run has its own.
		UnaryOperator<String> here = (text) -> text.replace("localhost:8080", "127.0.0.1:" + httpPort)
			.replace("localhost:8091", "127.0.0.1:" + edgePort);
		DocsExamples protocol = DocsExamples.of("protocol.md");
		Path scripts = workDir.resolve("docs-examples");
		NodeScript.install(scripts);
		try (WarrenProcess publisher = WarrenProcess.start("docs-publisher", "warren.publisher.jar", workDir, env,
				List.of(), httpPort);
				WarrenProcess node = WarrenProcess.start("docs-socket", "warren.socket.jar", workDir, env, List.of(),
						WarrenProcess.freePort())) {
			// The embedded mode consumes its default rabbit channel by itself.
			PublisherApi api = new PublisherApi(publisher.baseUrl(), publisher.embeddedAdminToken());
			String clientId = registerAsShown(protocol, here);
			try (NodeScript stomp = NodeScript.start(scripts, "subscribe.mjs",
					here.apply(protocol.savedAs("subscribe.mjs")), Map.of(), List.of());
					NodeScript jsonNode = NodeScript.start(scripts, "json-subscribe.mjs",
							here.apply(protocol.savedAs("json-subscribe.mjs")), Map.of(), List.of());
					NodeScript browser = NodeScript.start(scripts, "browser.mjs",
							here.apply(protocol.browserScriptAfter("In a browser, with no library")), Map.of(),
							List.of("--experimental-websocket"))) {
				String producer = protocol.savedAs("produce.mjs");
				Map<String, String> amqpUrl = Map.of("AMQP_URL", "amqp://guest:guest@127.0.0.1:" + brokerPort);
				long deadline = System.nanoTime() + TIMEOUT.toNanos();
				// The subscribers print nothing once subscribed: publish until each has
				// shown both.
				while (!(stomp.printed((line) -> line.startsWith("mine ") && line.contains("hello: 'world'"))
						&& stomp.printed((line) -> line.startsWith("prices {"))
						&& jsonNode.printed((line) -> line.contains("channel: 'private'"))
						&& jsonNode.printed((line) -> line.contains("channel: 'topic'"))
						&& browser.printed((line) -> line.startsWith("private null { hello: 'world' }"))
						&& browser.printed((line) -> line.startsWith("topic prices {")))) {
					assertThat(System.nanoTime())
						.as("every subscriber shows a private and a topic message:\n%s\n%s\n%s", stomp, jsonNode,
								browser)
						.isLessThan(deadline);
					try (NodeScript produce = NodeScript.start(scripts, "produce.mjs", producer, amqpUrl, List.of(),
							clientId)) {
						assertThat(produce.exitCode(TIMEOUT)).as("%s", produce).isZero();
					}
					assertThat(api.get("/v1/publish-data-over-ch?count=1&topic=prices").status()).isEqualTo(202);
					Thread.sleep(500);
				}
				assertThat(jsonNode.printed((line) -> line.contains("hello: 'world'"))).as("%s", jsonNode).isTrue();
				assertThat(List.of(stomp, jsonNode, browser)).allSatisfy((script) -> assertThat(script.printed(
						(line) -> line.contains("Unauthorized") || line.contains("closed") || line.contains("Error")))
					.as("%s", script)
					.isFalse());
			}
		}
	}

	/**
	 * Runs the page's {@code curl} commands: a registration, then one that is refused.
	 * The first must answer what the page shows (every field, its values where they are
	 * not made up per client), the second exactly the page's problem.
	 */
	private String registerAsShown(DocsExamples protocol, UnaryOperator<String> here) throws Exception {
		List<DocsExamples.Command> commands = protocol.consoleAfter("Registration rules");
		assertThat(commands).hasSize(2);
		JsonNode registered = json.readTree(run(here.apply(commands.get(0).line())));
		JsonNode shown = json.readTree(String.join("\n", commands.get(0).output()));
		assertThat(registered.propertyNames()).containsExactlyInAnyOrderElementsOf(shown.propertyNames());
		assertThat(registered.get("channel")).isEqualTo(shown.get("channel"));
		// ./warren's default, which this run keeps although its edge is elsewhere.
		assertThat(registered.get("socketUrl")).isEqualTo(shown.get("socketUrl"));
		JsonNode refused = json.readTree(run(here.apply(commands.get(1).line())));
		assertThat(refused).isEqualTo(json.readTree(String.join("\n", commands.get(1).output())));
		return registered.get("clientId").asString();
	}

	private static String run(String shellCommand) throws IOException, InterruptedException {
		Process shell = new ProcessBuilder("bash", "-c", shellCommand).redirectErrorStream(true).start();
		String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(shell.waitFor()).as(output).isZero();
		return output;
	}

}
