package dev.warren.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.common.token.HmacTokens;
import dev.warren.testsupport.ForeignTokens;
import dev.warren.testsupport.RawHttp;
import dev.warren.testsupport.RealServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile input from outside against publisher-service and two socket nodes: malformed
 * HTTP, frames and JSON, forged and {@code alg:none} tokens, other clients' channels
 * under every spelling, oversize bodies, a STOMP {@code selector} (CVE-2018-1270), bad
 * AMQP routing keys and bodies. Each gets a clear answer (a 4xx problem, an {@code ERROR}
 * frame, a JSON {@code error}, a dead letter with a reason); afterwards every service is
 * up, an innocent client on the other node still receives, and nothing reached a client
 * it was not for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputEndToEndTests {

	private static final String SECRET = "hostile-" + UUID.randomUUID() + "-" + UUID.randomUUID();

	private static final String ADMIN_TOKEN = "admin-" + UUID.randomUUID() + "-" + UUID.randomUUID();

	private static final Duration WAIT = Duration.ofSeconds(15);

	private final List<AutoCloseable> started = new ArrayList<>();

	private final WarrenAmqpProperties names = RealServices.amqpNames();

	private final HmacTokens tokens = new HmacTokens(SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());

	private final HttpClient http = HttpClient.newHttpClient();

	private final String victim = "victim-" + UUID.randomUUID();

	private final String innocent = "innocent-" + UUID.randomUUID();

	private final String attacker = "attacker-" + UUID.randomUUID();

	private WarrenProcess publisher;

	private WarrenProcess nodeA;

	private WarrenProcess nodeB;

	private RabbitTemplate producer;

	private StompProbe victimProbe;

	private StompProbe innocentProbe;

	private int tried;

	@BeforeAll
	void start(@TempDir Path workDir) {
		Map<String, String> env = ExternalMode.node(SECRET);
		Map<String, String> publisherEnv = ExternalMode.publisher(SECRET, ADMIN_TOKEN);
		this.publisher = remember(WarrenProcess.start("hostile-publisher", "warren.publisher.jar", workDir.resolve("p"),
				publisherEnv, List.of(), WarrenProcess.freePort()));
		this.nodeA = remember(WarrenProcess.start("hostile-socket-a", "warren.socket.jar", workDir.resolve("a"), env,
				List.of(), WarrenProcess.freePort()));
		this.nodeB = remember(WarrenProcess.start("hostile-socket-b", "warren.socket.jar", workDir.resolve("b"), env,
				List.of(), WarrenProcess.freePort()));
		assertThat(new PublisherApi(this.publisher.baseUrl(), ADMIN_TOKEN).get("/v1/create-rabbit-ch").status())
			.isEqualTo(200);
		RealServices.RabbitEndpoint rabbit = RealServices.rabbit();
		CachingConnectionFactory connections = new CachingConnectionFactory(rabbit.host(), rabbit.port());
		connections.setUsername(rabbit.username());
		connections.setPassword(rabbit.password());
		remember(connections::destroy);
		this.producer = new RabbitTemplate(connections);
		this.victimProbe = remember(new StompProbe("victim")).connected(this.nodeA.edgeUrl(), token(this.victim))
			.subscribe("/user/queue/data");
		this.innocentProbe = remember(new StompProbe("innocent")).connected(this.nodeB.edgeUrl(), token(this.innocent))
			.subscribe("/user/queue/data")
			.subscribe("/topic/hostile-news");
	}

	@AfterAll
	void stop() throws Exception {
		for (int i = this.started.size() - 1; i >= 0; i--) {
			this.started.get(i).close();
		}
	}

	@Test
	void everyHostileInputGetsAClearAnswerAndHarmsNoOne() throws Exception {
		String victimSecret = "secret-" + UUID.randomUUID();
		send("client." + this.victim, "{\"for\":\"victim\",\"s\":\"" + victimSecret + "\"}");
		httpToEveryService();
		stompOnTheEdge();
		jsonOnTheEdge();
		amqpIntoIngest();

		// Still up, and still delivering to a client on the other node.
		for (WarrenProcess service : List.of(this.publisher, this.nodeA, this.nodeB)) {
			HttpResponse<String> health = get(service.baseUrl() + "/actuator/health", null);
			assertThat(health.statusCode()).as(service.baseUrl()).isEqualTo(200);
		}
		String after = "after-" + UUID.randomUUID();
		send("client." + this.innocent, "{\"m\":\"" + after + "\"}");
		send("topic.hostile-news", "{\"m\":\"" + after + "-t\"}");
		await().atMost(WAIT)
			.until(() -> this.innocentProbe.messages().stream().filter((m) -> m.body().contains(after)).count() == 2);
		// Nothing leaked: the victim's message reached the victim only.
		await().atMost(WAIT)
			.until(() -> this.victimProbe.messages().stream().anyMatch((m) -> m.body().contains(victimSecret)));
		assertThat(this.innocentProbe.messages()).noneMatch((m) -> m.body().contains(victimSecret));
		assertThat(this.victimProbe.isClosed()).isFalse();
		assertThat(this.innocentProbe.isClosed()).isFalse();
		assertThat(Path.of("/tmp/warren-pwned")).doesNotExist();
		System.out.printf("hostile inputs tried: %d, every one answered, services up, nothing leaked%n", this.tried);
		assertThat(this.tried).isGreaterThanOrEqualTo(40);
	}

	private void httpToEveryService() throws Exception {
		for (WarrenProcess service : List.of(this.publisher, this.nodeA)) {
			int port = Integer.parseInt(service.baseUrl().substring(service.baseUrl().lastIndexOf(':') + 1));
			for (String request : RawHttp.HOSTILE_REQUESTS) {
				assertThat(RawHttp.exchange(port, request).isClientErrorProblem())
					.as("%s: %s", service.baseUrl(), request.substring(0, Math.min(50, request.length())))
					.isTrue();
				this.tried++;
			}
		}
		int edgePort = URI.create(this.nodeA.edgeUrl()).getPort();
		for (String request : RawHttp.HOSTILE_REQUESTS) {
			assertThat(RawHttp.exchange(edgePort, request).isClientErrorProblem())
				.as("edge: %s", request.substring(0, Math.min(50, request.length())))
				.isTrue();
			this.tried++;
		}
		String api = this.publisher.baseUrl();
		for (String path : List.of("/v1/create-channel-client", "/v1/auth/token", "/v1/rabbit-channels",
				"/v1/api-keys")) {
			assertStatus(post(api + path, "{\"name\": [1,", ADMIN_TOKEN), 400, "invalid JSON to " + path);
		}
		String forged = ForeignTokens.sign("another-secret-of-at-least-32-bytes!!", this.attacker, "warren",
				List.of("warren-socket"));
		assertStatus(get(api + "/v1/rabbit-channels", forged), 401, "a forged bearer token");
		assertStatus(get(api + "/v1/rabbit-channels", unsigned(this.attacker)), 401, "an alg:none bearer token");
		assertStatus(get(api + "/v1/rabbit-channels", token(this.attacker)), 401, "a client's token as bearer");
		assertStatus(
				post(api + "/v1/rabbit-channels",
						"{\"name\":\"loop\",\"queue\":\"hostile-loop\",\"exchange\":\""
								+ this.names.deliveriesExchange() + "\"}",
						ADMIN_TOKEN),
				400, "a rabbit channel on the deliveries exchange");
		assertStatus(
				post(api + "/v1/rabbit-channels",
						"{\"name\":\"dlq\",\"queue\":\"" + this.names.deadLetterQueue() + "\"}", ADMIN_TOKEN),
				400, "a rabbit channel on the dead-letter queue");
		String key = new PublisherApi(api, ADMIN_TOKEN)
			.post("/v1/api-keys", Map.of("name", "hostile", "scopes", List.of("publish")))
			.body()
			.path("key")
			.asString();
		assertStatus(post(api + "/v1/topics/t/messages", "x".repeat(65 * 1024), key), 413, "an oversize publish");
		assertStatus(post(api + "/v1/topics/a%20b/messages", "{}", key), 400, "a publish to a bad topic name");
		assertStatus(post(api + "/v1/broadcast", "{}", "wk_" + "A".repeat(43)), 401, "a made-up API key");
	}

	private void stompOnTheEdge() {
		String connect = "CONNECT\naccept-version:1.2\nheart-beat:0,0\n";
		List<String[]> refusedConnections = List.of(new String[] { "connect\naccept-version:1.2\n\n\0", "Invalid" },
				new String[] { "HELLO\n\n\0", "Invalid" },
				new String[] { connect + "passcode:not.a.jwt\n\n\0", "Unauthorized" },
				new String[] { connect + "passcode:" + forgedStompToken() + "\n\n\0", "Unauthorized" },
				new String[] { connect + "passcode:" + unsigned(this.victim) + "\n\n\0", "Unauthorized" },
				new String[] { connect + "passcode:"
						+ ForeignTokens.sign(SECRET, this.victim, "someone-else", List.of("warren-socket")) + "\n\n\0",
						"Unauthorized" },
				new String[] { "CONNECT\naccept-version:2.0\npasscode:" + token(this.attacker) + "\n\n\0",
						"Unsupported" },
				new String[] {
						"CONNECT\naccept-version:1.2\nheart-beat:x,y\npasscode:" + token(this.attacker) + "\n\n\0",
						"Invalid" },
				new String[] { connect + "x-long:" + "v".repeat(9000) + "\n\n\0", "Header too long" },
				new String[] { connect + "x:1\n".repeat(40) + "\n\0", "Too many headers" });
		for (String[] attempt : refusedConnections) {
			assertStompError(attempt[0], attempt[1]);
		}
		assertStompError(null, "Invalid");
		String[] foreignDestinations = { "/user/" + this.victim + "/queue/data", "/queue/data-user" + this.victim,
				"/user/queue/data/../../" + this.victim, "/topic/../user/queue/data", "/topic/a b", "/topic/*",
				"/topic/#", "/topic/" + "x".repeat(200),
				"/exchange/" + this.names.deliveriesExchange() + "/client." + this.victim,
				"/amq/queue/" + this.names.ingestQueue(), "/queue/" + this.names.nodeQueuePrefix() + "a",
				"/temp-queue/x" };
		for (String destination : foreignDestinations) {
			assertStompError(connect + "passcode:" + token(this.attacker) + "\n\n\0SUBSCRIBE\nid:1\ndestination:"
					+ destination + "\n\n\0", null);
		}
		// A SEND anywhere but a topic open to client publishing: hostile-news is not.
		for (String destination : new String[] { "/app/anything", "/app/topics/hostile-news", "/app/topics/a b",
				"/app/topics/../topics/hostile-news", "/topic/hostile-news" }) {
			assertStompError(connect + "passcode:" + token(this.attacker) + "\n\n\0SEND\ndestination:" + destination
					+ "\n\nhello\0", null);
		}
		// CVE-2018-1270: a selector is never evaluated.
		try (RawSocket socket = RawSocket.open(this.nodeA.edgeUrl(), "v12.stomp")) {
			socket.text(connect + "passcode:" + token(this.attacker) + "\n\n\0");
			socket.await((frame) -> frame.startsWith("CONNECTED"), WAIT);
			socket.text("SUBSCRIBE\nid:s\nreceipt:r\ndestination:/topic/hostile-news\nselector:"
					+ "T(java.lang.Runtime).getRuntime().exec('touch /tmp/warren-pwned')\n\n\0");
			String answer = socket.await((frame) -> frame.startsWith("RECEIPT") || frame.startsWith("ERROR"), WAIT);
			String marker = "selector-" + UUID.randomUUID();
			send("topic.hostile-news", "{\"m\":\"" + marker + "\"}");
			if (answer.startsWith("RECEIPT")) {
				socket.await((frame) -> frame.contains(marker), WAIT);
			}
			this.tried++;
		}
	}

	private void jsonOnTheEdge() {
		String url = this.nodeA.edgeUrl() + "/json";
		String[][] beforeConnect = { { "{not json", "invalid_json" }, { "[1,2]", "invalid_json" },
				{ "{\"type\":\"Shutdown\"}", "unknown_type" }, { "{\"request_id\":\"x\"}", "missing_field" },
				{ "{\"type\":\"Subscribe\",\"topic\":\"x\"}", "not_connected" } };
		for (String[] attempt : beforeConnect) {
			try (RawSocket socket = RawSocket.open(url, null)) {
				socket.text(attempt[0]);
				assertThat(socket.await((frame) -> frame.contains("\"type\":\"error\""), WAIT)).as(attempt[0])
					.contains("\"code\":\"" + attempt[1] + "\"");
				this.tried++;
			}
		}
		for (String bad : new String[] { "not.a.jwt", unsigned(this.victim), forgedStompToken() }) {
			try (RawSocket socket = RawSocket.open(url, null)) {
				socket.text("{\"type\":\"Connect\",\"request_id\":\"c\",\"token\":\"" + bad + "\"}");
				assertThat(socket.awaitClose(WAIT)).isEqualTo(4401);
				this.tried++;
			}
		}
		try (RawSocket socket = RawSocket.open(url, null)) {
			socket.text("{\"type\":\"Connect\",\"request_id\":\"c\",\"token\":\"" + token(this.attacker) + "\"}");
			socket.await((frame) -> frame.contains("\"connected\""), WAIT);
			String[] topics = { "a b", "../" + this.victim, "*", "#", "x".repeat(200), "", "/user/queue/data" };
			for (int i = 0; i < topics.length; i++) {
				socket.text("{\"type\":\"Subscribe\",\"request_id\":\"s" + i + "\",\"topic\":\"" + topics[i] + "\"}");
				String requestId = "\"request_id\":\"s" + i + "\"";
				assertThat(socket.await((frame) -> frame.contains(requestId), WAIT)).as(topics[i])
					.contains("\"type\":\"error\"");
				this.tried++;
			}
			socket.text("{\"type\":\"Subscribe\",\"request_id\":\"n\",\"topic\":42}");
			assertThat(socket.await((frame) -> frame.contains("\"request_id\":\"n\""), WAIT)).contains("missing_field");
			this.tried++;
			assertThat(socket.received()).noneMatch(
					(frame) -> frame.contains("\"channel\":\"private\"") && frame.contains("\"for\":\"victim\""));
		}
	}

	private void amqpIntoIngest() {
		Map<String, byte[]> rejected = new HashMap<>();
		for (String key : new String[] { "client.", "topic.a b", "client.*", "topic.#", "client." + "x".repeat(200) }) {
			String marker = "bad-key-" + UUID.randomUUID();
			publishRaw(key, ("{\"m\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8), "application/json");
			rejected.put(marker, null);
		}
		String latin1 = "latin1-" + UUID.randomUUID();
		publishRaw("client." + this.victim, ("caf\u00e9 " + latin1).getBytes(StandardCharsets.ISO_8859_1),
				"text/plain");
		rejected.put(latin1, null);
		String oversize = "big-" + UUID.randomUUID();
		publishRaw("client." + this.victim, (oversize + "x".repeat(70 * 1024)).getBytes(StandardCharsets.UTF_8),
				"text/plain");
		rejected.put(oversize, null);
		Map<String, String> reasons = new HashMap<>();
		await().atMost(WAIT).until(() -> {
			Message message;
			while ((message = this.producer.receive(this.names.deadLetterQueue(), 200)) != null) {
				String body = new String(message.getBody(), StandardCharsets.ISO_8859_1);
				for (String marker : rejected.keySet()) {
					if (body.contains(marker)) {
						reasons.put(marker, message.getMessageProperties().getHeader("warren-reason"));
					}
				}
			}
			return reasons.keySet().containsAll(rejected.keySet());
		});
		assertThat(reasons.values()).allSatisfy((reason) -> assertThat(reason).isNotBlank());
		this.tried += rejected.size();
	}

	private void assertStompError(String frames, String message) {
		try (RawSocket socket = RawSocket.open(this.nodeA.edgeUrl(), "v12.stomp")) {
			if (frames == null) {
				// Random bytes, then an end of frame: without a NUL among them (one time
				// in
				// seven) the node would rightly wait for the rest of the frame instead.
				byte[] garbage = new byte[512];
				ThreadLocalRandom.current().nextBytes(garbage);
				for (int i = 0; i < garbage.length - 3; i++) {
					garbage[i] = (garbage[i] == 0) ? 1 : garbage[i];
				}
				garbage[garbage.length - 3] = '\n';
				garbage[garbage.length - 2] = '\n';
				garbage[garbage.length - 1] = 0;
				socket.binary(garbage);
			}
			else {
				socket.text(frames);
			}
			String error = socket.await((frame) -> frame.startsWith("ERROR"), WAIT);
			if (message != null) {
				assertThat(error).as(frames).contains("message:" + message);
			}
			assertThat(error).doesNotContain("Exception").doesNotContain("enum");
			assertThat(socket.received()).noneMatch((frame) -> frame.contains("\"for\":\"victim\""));
			this.tried++;
		}
	}

	private void assertStatus(HttpResponse<String> response, int status, String what) {
		assertThat(response.statusCode()).as("%s: %s", what, response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).as(what)
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		this.tried++;
	}

	private HttpResponse<String> get(String url, String bearer) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String url, String body, String bearer) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private void send(String routingKey, String body) {
		publishRaw(routingKey, body.getBytes(StandardCharsets.UTF_8), "application/json");
	}

	private void publishRaw(String routingKey, byte[] body, String contentType) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(contentType);
		this.producer.send(this.names.ingestExchange(), routingKey, new Message(body, properties));
	}

	private String token(String clientId) {
		return this.tokens.issue(clientId, Duration.ofMinutes(10)).value();
	}

	private String forgedStompToken() {
		return ForeignTokens.sign("another-secret-of-at-least-32-bytes!!", this.victim, "warren",
				List.of("warren-socket"));
	}

	/** A token that names the victim and carries no signature at all. */
	private static String unsigned(String clientId) {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		return base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
				+ base64.encodeToString(("{\"sub\":\"" + clientId + "\",\"iss\":\"warren\",\"aud\":\"warren-socket\","
						+ "\"exp\":4102444800}")
					.getBytes(StandardCharsets.UTF_8))
				+ ".";
	}

	private <T extends AutoCloseable> T remember(T closeable) {
		this.started.add(closeable);
		return closeable;
	}

}
