package dev.warren.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.io.TempDir;

import dev.warren.subclient.WarrenSubClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one-command local run: publisher-service with no RabbitMQ or database configured
 * starts its embedded broker and H2 file database, a socket-server node started from the
 * same directory finds both, and a message travels the whole path to a STOMP client on
 * the node's Netty edge, the {@code socketUrl} publisher-service hands out.
 */
class EmbeddedModeEndToEndTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void fakeDataTravelsFromTheEmbeddedBrokerToAStompClient(@TempDir Path workDir) {
		String brokerPort = Integer.toString(WarrenProcess.freePort());
		String edgePort = Integer.toString(WarrenProcess.freePort());
		// As ./warren runs them: the publisher hands out the node's edge as socketUrl.
		// Both
		// log JSON, the one switch an operator sets to feed a log pipeline.
		// The node announces the same URL to the registry, where warren-sub --discover
		// finds
		// it.
		String edgeUrl = "ws://127.0.0.1:" + edgePort + "/ws";
		Map<String, String> env = Map.of("WARREN_BROKER_PORT", brokerPort, "WARREN_TEST_MODE", "true",
				"WARREN_SOCKET_EDGE_PORT", edgePort, "WARREN_PUBLISHER_SOCKET_URL", edgeUrl, "WARREN_SOCKET_PUBLIC_URL",
				edgeUrl, "WARREN_LOG_FORMAT", "json");
		try (WarrenProcess publisher = WarrenProcess.start("embedded-publisher", "warren.publisher.jar", workDir, env,
				List.of(), WarrenProcess.freePort());
				WarrenProcess node = WarrenProcess.start("embedded-socket", "warren.socket.jar", workDir, env,
						List.of(), WarrenProcess.freePort())) {
			System.out.printf("embedded mode: publisher-service healthy after %d ms, socket-server after %d ms%n",
					publisher.healthyAfterMillis(), node.healthyAfterMillis());
			assertThat(workDir.resolve("data")).isDirectory();
			assertThat(Files.exists(workDir.resolve("data/jwt-secret"))).isTrue();

			PublisherApi api = new PublisherApi(publisher.baseUrl(), publisher.embeddedAdminToken());
			assertThat(api.get("/v1/create-rabbit-ch").status()).isEqualTo(200);
			PublisherApi.Registered client = api.register("Eve", "eve-" + UUID.randomUUID() + "@example.test",
					"password-eve");
			try (StompProbe probe = new StompProbe("eve")) {
				assertThat(client.socketUrl()).isEqualTo(node.edgeUrl());
				probe.connected(client.socketUrl(), client.token()).subscribe("/user/queue/data");
				PublisherApi.Response published = api
					.get("/v1/publish-data-over-ch?count=3&clientId=" + client.clientId());
				assertThat(published.status()).isEqualTo(202);
				assertThat(published.body().get("published").asInt()).isEqualTo(3);
				await().atMost(StompProbe.timeout()).until(() -> probe.messages().size() >= 3);
				assertThat(probe.messages()).allSatisfy((m) -> {
					assertThat(m.body()).startsWith("{");
					assertThat(m.headers().getFirst("warren-id")).isNotBlank();
				});
			}
			assertTheCommandLineSubscriberSeesFakeData(publisher, node);
			assertTheCommandLineSubscriberDiscoversTheNode(publisher, node, api);
			assertEveryLineIsJson(publisher);
			assertEveryLineIsJson(node);
		}
	}

	/**
	 * {@code warren-sub --discover}: the node comes from publisher-service's registry,
	 * which lists what the node announces.
	 */
	private void assertTheCommandLineSubscriberDiscoversTheNode(WarrenProcess publisher, WarrenProcess node,
			PublisherApi api) {
		await().atMost(StompProbe.timeout())
			.until(() -> api.get("/v1/nodes")
				.body()
				.valueStream()
				.anyMatch((announced) -> node.edgeUrl().equals(announced.path("url").asString())));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = WarrenSubClient.run(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), "--publisher-url", publisher.baseUrl(),
				"--discover", "--admin-token", publisher.embeddedAdminToken(), "--fake", "3", "--seconds", "60");
		String progress = err.toString(StandardCharsets.UTF_8);
		assertThat(status).as(progress).isZero();
		assertThat(progress).contains("discovered 1 live node(s)", "at " + node.edgeUrl());
		assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(4);
	}

	/**
	 * {@code WARREN_LOG_FORMAT=json}: everything the process wrote, standard output and
	 * error together, is one JSON object per line, with a time, a level and a message.
	 */
	private static void assertEveryLineIsJson(WarrenProcess process) {
		List<String> lines = readLines(process.log());
		assertThat(lines).as(process.logTail()).isNotEmpty();
		for (String line : lines) {
			JsonNode entry;
			try {
				entry = JSON.readTree(line);
			}
			catch (JacksonException ex) {
				throw new AssertionError("not a JSON line in " + process.log() + ": " + line, ex);
			}
			assertThat(entry.isObject()).as(line).isTrue();
			assertThat(entry.path("@timestamp").asString()).as(line).isNotBlank();
			assertThat(entry.path("log").path("level").asString()).as(line).isNotBlank();
			assertThat(entry.has("message")).as(line).isTrue();
		}
		assertThat(lines).anySatisfy((line) -> assertThat(line).contains("Started "));
	}

	private static List<String> readLines(Path file) {
		try {
			return Files.readAllLines(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The README's way to watch data arrive: {@code warren-sub --fake N}, connecting
	 * where the publisher's answer says.
	 */
	private void assertTheCommandLineSubscriberSeesFakeData(WarrenProcess publisher, WarrenProcess node) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = WarrenSubClient.run(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), "--publisher-url", publisher.baseUrl(), "--fake",
				"5", "--seconds", "60");
		List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
		assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
		assertThat(lines).hasSize(6);
		assertThat(lines.subList(0, 5))
			.allSatisfy((line) -> assertThat(line).startsWith("{\"destination\":\"/user/queue/data\"")
				.contains("\"warrenId\":\"")
				.contains("\"body\":{"));
		assertThat(lines.get(5)).contains("\"summary\":true", "\"received\":5");
		System.out.println("warren-sub --fake 5: " + err.toString(StandardCharsets.UTF_8).strip());
	}

}
