package dev.warren.subclient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the whole command in-process against {@link StompTestServer} and a stand-in for
 * publisher-service whose fake-data endpoint publishes through the STOMP server.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WarrenSubClientStompTests {

	private static ConfigurableApplicationContext stompServer;

	private HttpServer publisher;

	private final AtomicReference<String> token = new AtomicReference<>(StompTestServer.TOKEN);

	private final AtomicReference<String> fakeQuery = new AtomicReference<>();

	private volatile boolean errorAfterPublishing;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeAll
	static void startStompServer() {
		stompServer = StompTestServer.start();
	}

	@AfterAll
	static void stopStompServer() {
		stompServer.close();
	}

	@BeforeEach
	void startPublisher() throws IOException {
		this.publisher = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.publisher.createContext("/v1/create-channel-client",
				(exchange) -> respond(exchange, 201,
						"{\"clientId\":\"" + StompTestServer.CLIENT_ID + "\",\"channel\":\"/user/queue/data\","
								+ "\"token\":\"" + this.token.get() + "\",\"tokenExpiresAt\":\"2099-01-01T00:00:00Z\","
								+ "\"socketUrl\":\"" + StompTestServer.webSocketUrl(stompServer) + "\"}"));
		this.publisher.createContext("/v1/publish-data-over-ch", this::publishFake);
		this.publisher.start();
	}

	@AfterEach
	void stopPublisher() {
		this.publisher.stop(0);
	}

	@Test
	void printsWhatArrivesOnTheChannelAndTopicsThenSumsUp() {
		int status = run("--topic", "prices", "--fake", "3", "--count", "4", "--seconds", "30");
		assertThat(status).as(text(this.err)).isZero();
		assertThat(this.fakeQuery.get()).isEqualTo("count=3&clientId=c-1");
		List<String> lines = text(this.out).lines().toList();
		assertThat(lines).hasSize(5);
		assertThat(lines.subList(0, 4)).filteredOn((line) -> line.startsWith("{\"destination\":\"/user/queue/data\""))
			.hasSize(3)
			.allSatisfy((line) -> assertThat(line).matches(".*\"warrenId\":\"id-\\d\",\"publishedAt\":\\d+,"
					+ "\"latencyMs\":\\d+,\"body\":\\{\"n\":\\d,\"symbol\":\"EUR\"}}"));
		assertThat(lines.subList(0, 4)).contains("{\"destination\":\"/topic/prices\",\"warrenId\":\"id-topic\","
				+ "\"publishedAt\":null,\"latencyMs\":null,\"body\":\"plain text\"}");
		assertThat(lines.get(4)).startsWith("{\"summary\":true,\"clientId\":\"c-1\",\"received\":4,")
			.doesNotContain("\"latencyP50Ms\":null");
		assertThat(text(this.err)).contains("subscribed to [/user/queue/data, /topic/prices]")
			.contains("received 4 messages");
	}

	@Test
	void quietRunEndsAfterItsSecondsWithOnlyTheSummary() {
		int status = run("--quiet", "--seconds", "1");
		assertThat(status).as(text(this.err)).isZero();
		assertThat(text(this.out).lines()).singleElement(as(InstanceOfAssertFactories.STRING))
			.startsWith("{\"summary\":true,\"clientId\":\"c-1\",\"received\":0,\"elapsedMs\":")
			.endsWith(",\"msgsPerSecond\":0.0,\"latencyP50Ms\":null,\"latencyP99Ms\":null,\"latencyMaxMs\":null}");
	}

	@Test
	void refusedTokenShowsTheServersErrorFrame() {
		this.token.set("forged-token");
		assertThat(run("--seconds", "30")).isEqualTo(1);
		assertThat(text(this.err)).contains("connecting to " + StompTestServer.webSocketUrl(stompServer))
			.contains("server sent ERROR: Unauthorized");
		assertThat(text(this.out)).isEmpty();
	}

	@Test
	@Timeout(value = 15, unit = TimeUnit.SECONDS)
	void refusedSubscriptionFailsWithoutWaitingForItsReceipt() {
		assertThat(run("--topic", StompTestServer.FORBIDDEN_TOPIC, "--seconds", "30")).isEqualTo(1);
		assertThat(text(this.err)).contains("server sent ERROR: Forbidden destination");
		assertThat(text(this.out)).isEmpty();
	}

	@Test
	void errorFrameAfterSubscribingEndsTheRunWithFour() {
		this.errorAfterPublishing = true;
		assertThat(run("--fake", "2", "--count", "5", "--seconds", "30")).isEqualTo(4);
		assertThat(text(this.err)).contains("server sent ERROR: Going away (going away)");
		List<String> lines = text(this.out).lines().toList();
		assertThat(lines).hasSize(3);
		assertThat(lines.get(2)).contains("\"received\":2");
	}

	@Test
	void unreachableSocketServerIsNamed() throws IOException {
		String closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = "ws://127.0.0.1:" + socket.getLocalPort() + "/ws";
		}
		assertThat(run("--socket-url", closed, "--seconds", "30")).isEqualTo(1);
		assertThat(text(this.err)).contains("connecting to " + closed + " failed");
	}

	private void publishFake(HttpExchange exchange) throws IOException {
		this.fakeQuery.set(exchange.getRequestURI().getQuery());
		int count = Integer.parseInt(this.fakeQuery.get().replaceAll(".*count=(\\d+).*", "$1"));
		StompTestServer.publish(stompServer, count);
		if (this.errorAfterPublishing) {
			StompTestServer.sendError(stompServer, "Going away");
		}
		respond(exchange, 202, "{\"published\":" + count + ",\"routingKey\":\"client.c-1\"}");
	}

	private int run(String... args) {
		String[] all = new String[args.length + 2];
		all[0] = "--publisher-url";
		all[1] = "http://127.0.0.1:" + this.publisher.getAddress().getPort();
		System.arraycopy(args, 0, all, 2, args.length);
		return WarrenSubClient.run(new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), all);
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream stream = exchange.getResponseBody()) {
			stream.write(bytes);
		}
	}

	private static String text(ByteArrayOutputStream stream) {
		return stream.toString(StandardCharsets.UTF_8);
	}

}
