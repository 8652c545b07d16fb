package dev.warren.subclient.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import dev.warren.subclient.WarrenSubClient;

import static org.assertj.core.api.Assertions.assertThat;

class SubscribeCommandTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void defaultsPointAtTheLocalBridge() {
		SubscribeCommand command = parse();
		assertThat(command.publisherUrl).isEqualTo("http://localhost:8080");
		assertThat(command.socketUrl).isNull();
		assertThat(command.name).isEqualTo("test-sub");
		assertThat(command.topics).isEmpty();
		assertThat(command.email).isNull();
		assertThat(command.password).isNull();
		assertThat(command.login).isFalse();
		assertThat(command.quiet).isFalse();
		assertThat(command.count).isNull();
		assertThat(command.seconds).isNull();
		assertThat(command.fake).isZero();
	}

	@Test
	void optionsAreParsed() {
		SubscribeCommand command = parse("--publisher-url", "http://p:1", "--socket-url", "ws://s:2/ws", "--topic", "a",
				"--topic", "b.c", "--fake", "20", "--count", "10", "--seconds", "5", "--quiet", "--login", "--email",
				"e@x.test", "--password", "secret-pw");
		assertThat(command.publisherUrl).isEqualTo("http://p:1");
		assertThat(command.socketUrl).isEqualTo("ws://s:2/ws");
		assertThat(command.topics).containsExactly("a", "b.c");
		assertThat(command.fake).isEqualTo(20);
		assertThat(command.count).isEqualTo(10);
		assertThat(command.seconds).isEqualTo(5);
		assertThat(command.quiet).isTrue();
		assertThat(command.login).isTrue();
		assertThat(command.email).isEqualTo("e@x.test");
		assertThat(command.password).isEqualTo("secret-pw");
	}

	@Test
	void nameIsAnOption() {
		assertThat(parse("--name", "Ann").name).isEqualTo("Ann");
	}

	@Test
	void helpDocumentsTheOptions() {
		assertThat(run("--help")).isZero();
		assertThat(text(this.out)).contains("Usage: warren-sub", "--publisher-url", "--socket-url", "--name", "--email",
				"--password", "--login", "--topic", "--fake", "--count", "--seconds", "--quiet", "Output:",
				"--discover", "--admin-token", "Exit status:", "Examples:", "warren-sub --fake 20");
	}

	@Test
	void badUsageExitsWithTwo() {
		assertThat(run("--count", "many")).isEqualTo(2);
		assertThat(run("--topic", "a b")).isEqualTo(2);
		assertThat(text(this.err)).contains("invalid topic 'a b'");
		assertThat(run("--login")).isEqualTo(2);
		assertThat(run("--count", "0")).isEqualTo(2);
		assertThat(run("--seconds", "-1")).isEqualTo(2);
		assertThat(run("--no-such-option")).isEqualTo(2);
		assertThat(run("--discover", "--socket-url", "ws://s:2/ws")).isEqualTo(2);
		assertThat(text(this.err)).contains("--login needs --email and --password", "Usage: warren-sub",
				"--discover and --socket-url both say where to connect");
		assertThat(text(this.out)).isEmpty();
	}

	@Test
	void unreachablePublisherExitsWithOne() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		assertThat(run("--publisher-url", "http://127.0.0.1:" + closedPort)).isEqualTo(1);
		assertThat(text(this.err))
			.contains("warren-sub: cannot reach publisher-service at http://127.0.0.1:" + closedPort);
		assertThat(text(this.out)).isEmpty();
	}

	@Test
	void refusedRegistrationShowsTheProblemDetailAndExitsWithOne() throws IOException {
		HttpServer publisher = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		publisher.createContext("/v1/create-channel-client", (exchange) -> {
			byte[] body = "{\"status\":401,\"detail\":\"Wrong password for ann@example.test\"}"
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
			exchange.sendResponseHeaders(401, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		publisher.start();
		try {
			assertThat(run("--publisher-url", "http://127.0.0.1:" + publisher.getAddress().getPort(), "--email",
					"ann@example.test", "--password", "wrong"))
				.isEqualTo(1);
		}
		finally {
			publisher.stop(0);
		}
		assertThat(text(this.err))
			.contains("warren-sub: registration refused with HTTP 401: Wrong password for ann@example.test");
	}

	private SubscribeCommand parse(String... args) {
		SubscribeCommand command = new SubscribeCommand(System.out, System.err);
		new CommandLine(command).parseArgs(args);
		return command;
	}

	private int run(String... args) {
		return WarrenSubClient.run(new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), args);
	}

	private static String text(ByteArrayOutputStream stream) {
		return stream.toString(StandardCharsets.UTF_8);
	}

}
