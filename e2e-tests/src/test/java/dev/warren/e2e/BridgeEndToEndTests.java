package dev.warren.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.common.token.HmacTokens;
import dev.warren.e2e.StompProbe.Received;
import dev.warren.subclient.WarrenSubClient;
import dev.warren.testsupport.RealServices;
import dev.warren.testsupport.StompFrameListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole bridge as it runs in production: publisher-service and two socket-server
 * nodes from their jars, on the real RabbitMQ and MySQL-compatible database; clients
 * register over HTTP and connect over STOMP/WebSocket; the producer publishes into the
 * ingest exchange.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BridgeEndToEndTests {

	private static final String SECRET = "e2e-" + UUID.randomUUID() + "-" + UUID.randomUUID();

	private static final String ADMIN_TOKEN = "admin-" + UUID.randomUUID() + "-" + UUID.randomUUID();

	private final WarrenAmqpProperties names = RealServices.amqpNames();

	private final List<AutoCloseable> resources = new ArrayList<>();

	private WarrenProcess publisher;

	private WarrenProcess nodeA;

	private WarrenProcess nodeB;

	private RabbitTemplate producer;

	private CachingConnectionFactory connectionFactory;

	private PublisherApi api;

	private StompProbe a1;

	private StompProbe a2;

	private StompProbe b1;

	private PublisherApi.Registered clientA1;

	private PublisherApi.Registered clientA2;

	private PublisherApi.Registered clientB1;

	@BeforeAll
	void startTheBridge(@TempDir Path workDir) {
		RealServices.RabbitEndpoint rabbit = RealServices.rabbit();
		Map<String, String> env = ExternalMode.node(SECRET);
		Map<String, String> publisherEnv = ExternalMode.publisher(SECRET, ADMIN_TOKEN);
		publisherEnv.put("WARREN_TEST_MODE", "true");
		this.publisher = remember(WarrenProcess.start("bridge-publisher", "warren.publisher.jar",
				workDir.resolve("publisher"), publisherEnv, List.of(), WarrenProcess.freePort()));
		// Each node serves its Netty edge (where clients connect) and the servlet
		// container's /ws, each on a port of its own.
		this.nodeA = remember(WarrenProcess.start("bridge-socket-a", "warren.socket.jar", workDir.resolve("a"), env,
				List.of(), WarrenProcess.freePort()));
		this.nodeB = remember(WarrenProcess.start("bridge-socket-b", "warren.socket.jar", workDir.resolve("b"), env,
				List.of(), WarrenProcess.freePort()));

		this.api = new PublisherApi(this.publisher.baseUrl(), ADMIN_TOKEN);
		assertThat(this.api.get("/v1/create-rabbit-ch").status()).isEqualTo(200);

		this.connectionFactory = new CachingConnectionFactory(rabbit.host(), rabbit.port());
		this.connectionFactory.setUsername(rabbit.username());
		this.connectionFactory.setPassword(rabbit.password());
		this.producer = new RabbitTemplate(this.connectionFactory);

		String run = UUID.randomUUID().toString().substring(0, 8);
		this.clientA1 = this.api.register("Ann", "ann-" + run + "@example.test", "password-a1");
		this.clientA2 = this.api.register("Abe", "abe-" + run + "@example.test", "password-a2");
		this.clientB1 = this.api.register("Bea", "bea-" + run + "@example.test", "password-b1");
		// Two clients on the nodes' edges, one on node A's servlet endpoint.
		this.a1 = remember(new StompProbe("a1")).connected(this.nodeA.edgeUrl(), this.clientA1.token())
			.subscribe("/user/queue/data")
			.subscribe("/topic/news");
		this.a2 = remember(new StompProbe("a2")).connected(this.nodeA.webSocketUrl(), this.clientA2.token())
			.subscribe("/user/queue/data");
		this.b1 = remember(new StompProbe("b1")).connected(this.nodeB.edgeUrl(), this.clientB1.token())
			.subscribe("/user/queue/data")
			.subscribe("/topic/news");
	}

	@AfterAll
	void stopTheBridge() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
		if (this.connectionFactory != null) {
			this.connectionFactory.destroy();
		}
	}

	@Test
	void directMessageReachesOnlyItsClient() {
		String marker = publish("client." + this.clientB1.clientId(), "direct");
		await().atMost(StompProbe.timeout()).until(() -> has(this.b1, "/user/queue/data", marker));
		Received received = find(this.b1, marker);
		assertThat(received.body()).isEqualTo(body(marker));
		assertThat(received.headers().getFirst("warren-id")).isNotBlank();
		assertThat(received.headers().getFirst("content-type")).startsWith("application/json");
		assertThat(received.publishedAt()).isPositive();
		assertNobodyElseGot(marker, this.b1);
	}

	@Test
	void topicReachesSubscribersOnBothNodesOnly() {
		String marker = publish("topic.news", "topic");
		await().atMost(StompProbe.timeout())
			.until(() -> has(this.a1, "/topic/news", marker) && has(this.b1, "/topic/news", marker));
		assertNobodyElseGot(marker, this.a1, this.b1);
	}

	@Test
	void aTopicMessageReachesAStompClientAndAJsonClientOnTheOtherNode() throws Exception {
		PublisherApi.Registered registered = this.api.register("Jay", "jay-" + UUID.randomUUID() + "@example.test",
				"password-json");
		StompFrameListener json = new StompFrameListener();
		WebSocket socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI.create(this.nodeB.edgeUrl() + "/json"), json)
			.get(10, TimeUnit.SECONDS);
		this.resources.add(() -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
		socket.sendText("{\"type\":\"Connect\",\"request_id\":\"c\",\"token\":\"" + registered.token() + "\"}", true)
			.get(10, TimeUnit.SECONDS);
		assertThat(json.frames().poll(10, TimeUnit.SECONDS)).contains("\"type\":\"connected\"")
			.contains(registered.clientId());
		socket.sendText("{\"type\":\"Subscribe\",\"request_id\":\"s\",\"topic\":\"news\"}", true)
			.get(10, TimeUnit.SECONDS);
		assertThat(json.frames().poll(10, TimeUnit.SECONDS)).contains("\"subscribed\":true");

		String marker = publish("topic.news", "both-protocols");
		await().atMost(StompProbe.timeout()).until(() -> has(this.a1, "/topic/news", marker));
		String delivered = json.frames().poll(15, TimeUnit.SECONDS);
		while (delivered != null && !delivered.contains(marker)) {
			delivered = json.frames().poll(15, TimeUnit.SECONDS);
		}
		assertThat(delivered).contains("\"channel\":\"topic\"", "\"topic\":\"news\"", marker);
	}

	@Test
	void broadcastReachesEveryPrivateChannel() {
		String marker = publish("anything-else", "broadcast");
		await().atMost(StompProbe.timeout())
			.until(() -> has(this.a1, "/user/queue/data", marker) && has(this.a2, "/user/queue/data", marker)
					&& has(this.b1, "/user/queue/data", marker));
	}

	@Test
	void burstOfDirectMessagesArrivesCompleteInOrderExactlyOnce() {
		int burst = 2_000;
		String run = UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < burst; i++) {
			send("client." + this.clientA2.clientId(),
					"{\"burst\":\"" + run + "\",\"seq\":" + i + ",\"sentAt\":" + System.currentTimeMillis() + "}");
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> burstOf(this.a2, run).size() >= burst);
		List<Received> received = burstOf(this.a2, run);
		assertThat(received).hasSize(burst);
		Histogram latency = new Histogram(TimeUnit.MINUTES.toMillis(1), 3);
		for (int i = 0; i < burst; i++) {
			assertThat(received.get(i).body()).contains("\"seq\":" + i + ",");
			latency.recordValue(Math.max(0, received.get(i).receivedAtMillis() - sentAt(received.get(i).body())));
		}
		System.out.printf("e2e burst of %d direct messages: producer->client latency p50=%d ms p99=%d ms max=%d ms%n",
				burst, latency.getValueAtPercentile(50), latency.getValueAtPercentile(99), latency.getMaxValue());
		assertThat(burstOf(this.a1, run)).isEmpty();
		assertThat(burstOf(this.b1, run)).isEmpty();
	}

	@Test
	void messagePublishedRightAfterSubscribeReceiptArrives() {
		String topic = "late-" + UUID.randomUUID().toString().substring(0, 8);
		this.a2.subscribe("/topic/" + topic);
		String marker = publish("topic." + topic, "after-receipt");
		await().atMost(StompProbe.timeout()).until(() -> has(this.a2, "/topic/" + topic, marker));
	}

	@Test
	void foreignDestinationsAreRefusedWithError() {
		for (String destination : List.of("/queue/data", "/user/" + this.clientB1.clientId() + "/queue/data",
				"/topic/a/b", "/app/x")) {
			assertThat(refusalError(destination)).as("ERROR for %s", destination).startsWith("Forbidden destination");
		}
		String marker = publish("client." + this.clientB1.clientId(), "private");
		await().atMost(StompProbe.timeout()).until(() -> has(this.b1, "/user/queue/data", marker));
		assertNobodyElseGot(marker, this.b1);
	}

	@Test
	void missingForgedAndExpiredTokensAreRefused() {
		String forged = new HmacTokens("not-the-secret-not-the-secret-!!".getBytes(StandardCharsets.UTF_8),
				Clock.systemUTC())
			.issue(this.clientA1.clientId(), Duration.ofHours(1))
			.value();
		String expired = new HmacTokens(SECRET.getBytes(StandardCharsets.UTF_8),
				Clock.offset(Clock.systemUTC(), Duration.ofHours(-2)))
			.issue(this.clientA1.clientId(), Duration.ofHours(1))
			.value();
		java.util.Arrays.asList(null, forged, expired, "garbage").forEach((token) -> {
			try (StompProbe refused = new StompProbe("refused")) {
				refused.connect(this.nodeB.edgeUrl(), token).exceptionally((ex) -> null);
				await().atMost(StompProbe.timeout()).until(() -> refused.errors().contains("Unauthorized"));
				await().atMost(StompProbe.timeout()).until(refused::isClosed);
			}
		});
	}

	@Test
	void invalidRoutingKeyIsDeadLetteredAndDeliveredToNobody() {
		String marker = publish("client.bad key!", "invalid");
		Message dead = await().atMost(StompProbe.timeout()).until(() -> deadLettered(marker), (m) -> m != null);
		assertThat((String) dead.getMessageProperties().getHeader("warren-reason")).isNotBlank();
		assertNobodyElseGot(marker);
	}

	@Test
	void textThatIsNotUtf8IsDeadLetteredAndBreaksNoSession() {
		// Latin-1 bytes announced as text: a text frame of them would be refused by every
		// WebSocket client, on every way in.
		String marker = "latin1-" + UUID.randomUUID();
		MessageProperties properties = new MessageProperties();
		properties.setContentType("text/plain");
		this.producer.send(this.names.ingestExchange(), "anything-else",
				new Message(("caf\u00e9 " + marker).getBytes(StandardCharsets.ISO_8859_1), properties));
		Message dead = await().atMost(StompProbe.timeout()).until(() -> deadLettered(marker), (m) -> m != null);
		assertThat((String) dead.getMessageProperties().getHeader("warren-reason")).contains("UTF-8");
		assertNobodyElseGot(marker);
		assertThat(List.of(this.a1, this.a2, this.b1)).noneMatch(StompProbe::isClosed);
	}

	/**
	 * Subscribes to {@code destination} on a fresh session and returns the ERROR's
	 * message; the session must then be closed.
	 */
	private String refusalError(String destination) {
		try (StompProbe intruder = new StompProbe("intruder")) {
			intruder.connected(this.nodeA.webSocketUrl(), this.clientA2.token());
			intruder.subscribeNoReceipt(destination);
			await().atMost(StompProbe.timeout()).until(intruder::isClosed);
			assertThat(intruder.errors()).as("ERROR frames for %s", destination).hasSize(1);
			return intruder.errors().get(0);
		}
	}

	private Message deadLettered(String marker) {
		Message message;
		while ((message = this.producer.receive(this.names.deadLetterQueue())) != null) {
			if (new String(message.getBody(), StandardCharsets.UTF_8).contains(marker)) {
				return message;
			}
		}
		return null;
	}

	/**
	 * Asserts that only {@code recipients} got {@code marker}: a broadcast sent
	 * afterwards travels the same queues, so once every probe has it, anything
	 * misdelivered before it would have arrived too.
	 */
	private void assertNobodyElseGot(String marker, StompProbe... recipients) {
		String fence = publish("broadcast", "fence");
		await().atMost(StompProbe.timeout())
			.until(() -> has(this.a1, "/user/queue/data", fence) && has(this.a2, "/user/queue/data", fence)
					&& has(this.b1, "/user/queue/data", fence));
		List<StompProbe> expected = List.of(recipients);
		for (StompProbe probe : List.of(this.a1, this.a2, this.b1)) {
			long copies = probe.messages().stream().filter((m) -> m.body().contains(marker)).count();
			assertThat(copies).as("copies of %s at %s", marker, probe).isEqualTo(expected.contains(probe) ? 1 : 0);
		}
	}

	private String publish(String routingKey, String kind) {
		String marker = kind + "-" + UUID.randomUUID();
		send(routingKey, body(marker));
		return marker;
	}

	private void send(String routingKey, String body) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType("application/json");
		this.producer.send(this.names.ingestExchange(), routingKey,
				new Message(body.getBytes(StandardCharsets.UTF_8), properties));
	}

	@Test
	void loadModeFanOutAndDirectOverTwoNodesLosesNothing(@TempDir Path dir) {
		Path result = dir.resolve("load.json");
		int exit = runLoad("--jwt-secret", SECRET, "--clients", "50", "--fanout", "--mix", "direct=1,topic=1", "--rate",
				"100", "--duration", "5", "--result", result.toString());
		JsonNode json = JsonMapper.builder().build().readTree(result.toFile());
		assertThat(exit).as(json.toString()).isZero();
		assertCleanLoadResult(json, 50, "minted");
		assertThat(json.path("messages").path("published").asLong()).isEqualTo(500);
		// 250 topic messages to all 50 clients, 250 direct messages to one client each.
		assertThat(json.path("messages").path("expected").asLong()).isEqualTo(250 * 50 + 250);
	}

	@Test
	void loadModeOverTheJsonProtocolOnTwoNodesLosesNothing(@TempDir Path dir) {
		Path result = dir.resolve("load.json");
		int exit = runLoad(List.of(this.nodeA.edgeUrl() + "/json", this.nodeB.edgeUrl() + "/json"), "--protocol",
				"json", "--jwt-secret", SECRET, "--clients", "50", "--topics", "3", "--topics-per-client", "2", "--mix",
				"direct=1,topic=1", "--rate", "100", "--duration", "5", "--result", result.toString());
		JsonNode json = JsonMapper.builder().build().readTree(result.toFile());
		assertThat(exit).as(json.toString()).isZero();
		assertCleanLoadResult(json, 50, "minted");
		assertThat(json.path("messages").path("published").asLong()).isEqualTo(500);
	}

	@Test
	void loadModeOnBothNodesServletEndpointsLosesNothing(@TempDir Path dir) {
		Path result = dir.resolve("load.json");
		int exit = runLoad(List.of(this.nodeA.webSocketUrl(), this.nodeB.webSocketUrl()), "--jwt-secret", SECRET,
				"--clients", "50", "--fanout", "--mix", "direct=1,topic=1", "--rate", "100", "--duration", "5",
				"--result", result.toString());
		JsonNode json = JsonMapper.builder().build().readTree(result.toFile());
		assertThat(exit).as(json.toString()).isZero();
		assertCleanLoadResult(json, 50, "minted");
		assertThat(json.path("messages").path("expected").asLong()).isEqualTo(250 * 50 + 250);
	}

	@Test
	void sessionsOnTheEdgeAndOnTheServletEndpointOfOneNodeBothReceive() {
		PublisherApi.Registered client = this.api.register("Eve", "eve-" + UUID.randomUUID() + "@example.test",
				"password-e");
		StompProbe onEdge = remember(new StompProbe("edge")).connected(this.nodeA.edgeUrl(), client.token())
			.subscribe("/user/queue/data")
			.subscribe("/topic/edge-news");
		StompProbe onServlet = remember(new StompProbe("servlet")).connected(this.nodeA.webSocketUrl(), client.token())
			.subscribe("/user/queue/data");
		String direct = publish("client." + client.clientId(), "both-ways-in");
		await().atMost(StompProbe.timeout())
			.until(() -> has(onEdge, "/user/queue/data", direct) && has(onServlet, "/user/queue/data", direct));
		String topic = publish("topic.edge-news", "edge-topic");
		await().atMost(StompProbe.timeout()).until(() -> has(onEdge, "/topic/edge-news", topic));
		assertNobodyElseGot(direct);
		assertNobodyElseGot(topic);
		assertThat(onServlet.messages()).noneMatch((m) -> m.body().contains(topic));
	}

	@Test
	void loadModeWithRegisteredClientsLosesNothing(@TempDir Path dir) {
		Path result = dir.resolve("load.json");
		int exit = runLoad("--clients", "4", "--topics", "2", "--mix", "direct=1,topic=1", "--rate", "50", "--duration",
				"2", "--result", result.toString());
		JsonNode json = JsonMapper.builder().build().readTree(result.toFile());
		assertThat(exit).as(json.toString()).isZero();
		assertCleanLoadResult(json, 4, "registered");
	}

	private int runLoad(String... options) {
		return runLoad(List.of(this.nodeA.edgeUrl(), this.nodeB.edgeUrl()), options);
	}

	private int runLoad(List<String> socketUrls, String... options) {
		RealServices.RabbitEndpoint rabbit = RealServices.rabbit();
		List<String> args = new ArrayList<>(
				List.of("load", "--quiet", "--publisher-url", this.publisher.baseUrl(), "--admin-token", ADMIN_TOKEN,
						"--amqp-uri", rabbit.uri(), "--ingest-exchange", this.names.ingestExchange()));
		for (String url : socketUrls) {
			args.addAll(List.of("--socket-url", url));
		}
		args.addAll(List.of(options));
		return WarrenSubClient.run(System.out, System.err, args.toArray(String[]::new));
	}

	private static void assertCleanLoadResult(JsonNode json, int clients, String tokens) {
		assertThat(json.path("clean").asBoolean()).isTrue();
		assertThat(json.path("settings").path("tokens").asString()).isEqualTo(tokens);
		JsonNode connections = json.path("connections");
		assertThat(connections.path("subscribed").asInt()).isEqualTo(clients);
		assertThat(connections.path("failed").asInt()).isZero();
		assertThat(connections.path("lostAfterSubscribing").asInt()).isZero();
		JsonNode messages = json.path("messages");
		assertThat(messages.path("producerConfirmed").asBoolean()).isTrue();
		assertThat(messages.path("expected").asLong()).isPositive();
		assertThat(messages.path("received").asLong()).isEqualTo(messages.path("expected").asLong());
		assertThat(messages.path("lost").asLong()).isZero();
		assertThat(messages.path("duplicates").asLong()).isZero();
		assertThat(messages.path("outOfOrder").asLong()).isZero();
		assertThat(messages.path("misdelivered").asLong()).isZero();
		assertThat(json.path("latency").path("count").asLong()).isEqualTo(messages.path("received").asLong());
		assertThat(json.path("latency").path("p99Ms").asDouble()).isPositive();
		assertThat(json.path("deliveredPerSecond").asDouble()).isPositive();
		assertThat(json.path("loader").path("cpuCores").asDouble()).isPositive();
		JsonNode nodes = json.path("nodes");
		assertThat(nodes).hasSize(2);
		long perNode = 0;
		for (JsonNode node : nodes) {
			assertThat(node.path("subscribed").asInt()).isEqualTo(clients / 2);
			assertThat(node.path("received").asLong()).isPositive();
			perNode += node.path("received").asLong();
		}
		assertThat(perNode).isEqualTo(messages.path("received").asLong());
	}

	private static String body(String marker) {
		return "{\"marker\":\"" + marker + "\"}";
	}

	private static boolean has(StompProbe probe, String destination, String marker) {
		return probe.messagesOn(destination).stream().anyMatch((m) -> m.body().contains(marker));
	}

	private static Received find(StompProbe probe, String marker) {
		return probe.messages().stream().filter((m) -> m.body().contains(marker)).findFirst().orElseThrow();
	}

	private static List<Received> burstOf(StompProbe probe, String run) {
		return probe.messages().stream().filter((m) -> m.body().contains("\"burst\":\"" + run + "\"")).toList();
	}

	private static long sentAt(String body) {
		int start = body.indexOf("\"sentAt\":") + 9;
		return Long.parseLong(body.substring(start, body.indexOf('}', start)));
	}

	private <T extends AutoCloseable> T remember(T resource) {
		this.resources.add(resource);
		return resource;
	}

}
