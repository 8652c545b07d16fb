package dev.warren.subclient.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PublisherClientTests {

	private HttpServer server;

	private final AtomicReference<String> requestBody = new AtomicReference<>();

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void registrationReturnsTheSession() {
		answer("/v1/create-channel-client", 201, "application/json",
				"{\"clientId\":\"c-1\",\"channel\":\"/user/queue/data\",\"token\":\"t.o.k\","
						+ "\"tokenExpiresAt\":\"2026-11-22T12:00:00Z\",\"socketUrl\":\"ws://localhost:9/ws\"}");
		ClientSession session = client().register("Ann", "ann@example.test", "password-1");
		assertThat(session).isEqualTo(new ClientSession("c-1", "t.o.k", "2026-11-22T12:00:00Z", "ws://localhost:9/ws"));
		assertThat(this.requestBody.get()).contains("\"email\":\"ann@example.test\"").contains("\"name\":\"Ann\"");
	}

	@Test
	void theNodeListKeepsTheNodesThatAnnounceAUrlAndTheQuietestIsChosen() {
		answer("/v1/nodes", 200, "application/json",
				"[{\"node\":\"a\",\"url\":\"ws://a:8091/ws\",\"connections\":7},"
						+ "{\"node\":\"b\",\"url\":null,\"connections\":0},"
						+ "{\"node\":\"c\",\"url\":\"ws://c:8091/ws\",\"connections\":3}]");
		List<LiveNode> nodes = client().nodes("admin");
		assertThat(nodes).containsExactly(new LiveNode("a", "ws://a:8091/ws", 7),
				new LiveNode("c", "ws://c:8091/ws", 3));
		assertThat(LiveNode.quietest(nodes)).contains(new LiveNode("c", "ws://c:8091/ws", 3));
		assertThat(LiveNode.quietest(List.of())).isEmpty();
	}

	@Test
	void aNodeListWithoutTheAdminTokenSurfacesTheProblem() {
		answer("/v1/nodes", 401, "application/problem+json",
				"{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"A bearer token is required.\"}");
		assertThatExceptionOfType(PublisherException.class).isThrownBy(() -> client().nodes(null))
			.withMessage("node list refused with HTTP 401: A bearer token is required.");
	}

	@Test
	void knownClientAnswersWithTwoHundredAndMayLeaveOutTheSocketUrl() {
		answer("/v1/create-channel-client", 200, "application/json",
				"{\"clientId\":\"c-1\",\"token\":\"t.o.k\",\"tokenExpiresAt\":\"2026-11-22T12:00:00Z\",\"socketUrl\":null}");
		assertThat(client().register("Ann", "ann@example.test", "password-1").socketUrl()).isNull();
	}

	@Test
	void wrongPasswordForAKnownEmailSurfacesTheProblemDetail() {
		answer("/v1/create-channel-client", 401, "application/problem+json",
				"{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"Wrong password for ann@example.test\"}");
		assertThatExceptionOfType(PublisherException.class)
			.isThrownBy(() -> client().register("Ann", "ann@example.test", "wrong-password"))
			.withMessage("registration refused with HTTP 401: Wrong password for ann@example.test");
	}

	@Test
	void loginSendsEmailAndPasswordAndSurfacesItsRefusal() {
		answer("/v1/auth/token", 401, "application/problem+json",
				"{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"Wrong email or password\"}");
		assertThatExceptionOfType(PublisherException.class)
			.isThrownBy(() -> client().login("ann@example.test", "wrong-password"))
			.withMessage("login refused with HTTP 401: Wrong email or password");
		assertThat(this.requestBody.get()).contains("\"email\":\"ann@example.test\"")
			.contains("\"password\":\"wrong-password\"");
	}

	@Test
	void answerWithoutTokenIsRefused() {
		answer("/v1/create-channel-client", 201, "text/html", "<html>proxy</html>");
		assertThatExceptionOfType(PublisherException.class).isThrownBy(() -> client().register("A", "a@b.test", "pw"))
			.withMessage("registration answered HTTP 201 without clientId and token");
	}

	@Test
	void fieldErrorsAreListed() {
		answer("/v1/create-channel-client", 400, "application/problem+json",
				"{\"status\":400,\"detail\":\"Invalid request content.\",\"errors\":{\"email\":\"must be a well-formed email address\"}}");
		assertThatExceptionOfType(PublisherException.class).isThrownBy(() -> client().register("A", "nope", "pw"))
			.withMessageContaining("HTTP 400")
			.withMessageContaining("email: must be a well-formed email address");
	}

	@Test
	void fakeDataNeedsTestMode() {
		answer("/v1/publish-data-over-ch", 404, "application/problem+json", "{\"status\":404}");
		assertThatExceptionOfType(PublisherException.class).isThrownBy(() -> client().publishFake(5, "c-1"))
			.withMessageContaining("WARREN_TEST_MODE=true");
	}

	@Test
	void fakeDataReportsWhatWasPublished() {
		AtomicReference<String> query = new AtomicReference<>();
		this.server.createContext("/v1/publish-data-over-ch", (exchange) -> {
			query.set(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawQuery());
			respond(exchange, 202, "application/json", "{\"published\":5,\"routingKey\":\"client.c-1\"}");
		});
		assertThat(client().publishFake(5, "c-1")).isEqualTo(5);
		assertThat(query.get()).isEqualTo("GET count=5&clientId=c-1");
	}

	@Test
	void unreachablePublisherIsNamed() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		PublisherClient client = new PublisherClient("http://127.0.0.1:" + closedPort);
		assertThatExceptionOfType(PublisherException.class).isThrownBy(() -> client.register("A", "a@b.test", "pw"))
			.withMessage("cannot reach publisher-service at http://127.0.0.1:" + closedPort
					+ "/v1/create-channel-client: connection refused or unreachable (is it running?)");
	}

	@Test
	void publisherUrlMustBeHttp() {
		assertThatExceptionOfType(PublisherException.class)
			.isThrownBy(() -> new PublisherClient("localhost:8080").register("A", "a@b.test", "pw"))
			.withMessage("invalid publisher URL 'localhost:8080': expected http:// or https://");
	}

	private PublisherClient client() {
		return new PublisherClient("http://127.0.0.1:" + this.server.getAddress().getPort() + "/");
	}

	private void answer(String path, int status, String contentType, String body) {
		this.server.createContext(path, (exchange) -> respond(exchange, status, contentType, body));
	}

	private void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		this.requestBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
