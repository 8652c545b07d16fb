package dev.warren.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.warren.common.WarrenNames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients publishing over two nodes: a STOMP {@code SEND} on one node and a JSON
 * {@code Publish} on the other reach the topic's subscribers on both, with the sender's
 * client id and the {@code warren-id} the receipt named; a topic not open to client
 * publishing, and a private one to a non-member, are refused. The catalogue shows the
 * topic's subscribers on both nodes; registration offers a live node's announced URL.
 */
class ClientPublishEndToEndTests {

	private static final String SECRET = "publish-" + UUID.randomUUID() + "-" + UUID.randomUUID();

	private static final String ADMIN_TOKEN = "admin-" + UUID.randomUUID() + "-" + UUID.randomUUID();

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void clientsPublishToTopicsOpenToThemOnEveryWayIn(@TempDir Path workDir) throws Exception {
		// Nodes announce where clients reach them; publisher-service offers the quietest.
		Map<String, String> envA = new HashMap<>(ExternalMode.node(SECRET));
		envA.put("WARREN_SOCKET_PUBLIC_URL", "wss://node-a.example.test/ws");
		Map<String, String> envB = new HashMap<>(ExternalMode.node(SECRET));
		envB.put("WARREN_SOCKET_PUBLIC_URL", "wss://node-b.example.test/ws");
		Map<String, String> publisherEnv = new HashMap<>(ExternalMode.publisher(SECRET, ADMIN_TOKEN));
		publisherEnv.put("WARREN_PUBLISHER_SOCKET_URL_STRATEGY", "least-loaded");
		String chat = "chat-" + UUID.randomUUID().toString().substring(0, 8);
		String team = "team-" + UUID.randomUUID().toString().substring(0, 8);
		String news = "news-" + UUID.randomUUID().toString().substring(0, 8);
		try (WarrenProcess publisher = WarrenProcess.start("publish-publisher", "warren.publisher.jar",
				workDir.resolve("p"), publisherEnv, List.of(), WarrenProcess.freePort());
				WarrenProcess nodeA = WarrenProcess.start("publish-socket-a", "warren.socket.jar", workDir.resolve("a"),
						envA, List.of(), WarrenProcess.freePort());
				WarrenProcess nodeB = WarrenProcess.start("publish-socket-b", "warren.socket.jar", workDir.resolve("b"),
						envB, List.of(), WarrenProcess.freePort())) {
			PublisherApi api = new PublisherApi(publisher.baseUrl(), ADMIN_TOKEN);
			assertThat(api.get("/v1/create-rabbit-ch").status()).isEqualTo(200);
			PublisherApi.Registered alice = api.register("alice", "alice-" + UUID.randomUUID() + "@example.test",
					"password-alice");
			PublisherApi.Registered bob = api.register("bob", "bob-" + UUID.randomUUID() + "@example.test",
					"password-bob");
			assertThat(api.post("/v1/topics", Map.of("name", chat, "visibility", "public", "clientPublish", true))
				.status()).isEqualTo(201);
			assertThat(api
				.post("/v1/topics", Map.of("name", team, "visibility", "private", "clientPublish", true, "members",
						List.of(alice.clientId())))
				.status()).isEqualTo(201);
			assertThat(api.post("/v1/topics", Map.of("name", news, "visibility", "public")).status()).isEqualTo(201);

			try (StompProbe aliceOnA = new StompProbe("alice-a");
					RawSocket bobOnB = RawSocket.open(nodeB.edgeUrl() + "/json", null)) {
				aliceOnA.connected(nodeA.edgeUrl(), alice.token()).subscribe("/topic/" + chat);
				bobOnB.text("{\"type\":\"Connect\",\"request_id\":\"c\",\"token\":\"" + bob.token() + "\"}");
				bobOnB.await((frame) -> frame.contains("\"connected\""), StompProbe.timeout());
				bobOnB.text("{\"type\":\"Subscribe\",\"request_id\":\"s\",\"topic\":\"" + chat + "\"}");
				bobOnB.await((frame) -> frame.contains("\"request_id\":\"s\""), StompProbe.timeout());

				// The catalogue counts the subscribers the nodes announce, and lists the
				// nodes.
				await().atMost(StompProbe.timeout())
					.until(() -> api.get("/v1/topics/" + chat).body().path("subscribers").asInt() == 2);
				JsonNode nodes = api.get("/v1/nodes").body();
				assertThat(nodes.valueStream().map((node) -> node.path("url").asString()))
					.contains("wss://node-a.example.test/ws", "wss://node-b.example.test/ws");
				PublisherApi.Registered carol = api.register("carol", "carol-" + UUID.randomUUID() + "@example.test",
						"password-carol");
				assertThat(carol.socketUrl()).as("a live node's URL")
					.isIn("wss://node-a.example.test/ws", "wss://node-b.example.test/ws");

				// STOMP SEND on node A reaches both nodes, from alice, under the
				// receipt's id.
				String sent = aliceOnA.send("/app/topics/" + chat, "{\"text\":\"hi bob\"}").get(20, TimeUnit.SECONDS);
				JsonNode atBob = json
					.readTree(bobOnB.await((frame) -> frame.contains("\"type\":\"message\"") && frame.contains(sent),
							StompProbe.timeout()));
				assertThat(atBob.path("sender").asString()).isEqualTo(alice.clientId());
				assertThat(atBob.path("data").path("text").asString()).isEqualTo("hi bob");

				// JSON Publish on node B reaches alice on node A, from bob.
				bobOnB.text("{\"type\":\"Publish\",\"request_id\":\"p1\",\"topic\":\"" + chat
						+ "\",\"data\":{\"text\":\"hi alice\"}}");
				JsonNode published = json
					.readTree(bobOnB.await((frame) -> frame.contains("\"request_id\":\"p1\""), StompProbe.timeout()));
				assertThat(published.path("type").asString()).isEqualTo("response");
				String id = published.path("id").asString();
				await().atMost(StompProbe.timeout())
					.until(() -> aliceOnA.messages()
						.stream()
						.anyMatch((m) -> id.equals(m.headers().getFirst("warren-id"))));
				StompProbe.Received atAlice = aliceOnA.messages()
					.stream()
					.filter((m) -> id.equals(m.headers().getFirst("warren-id")))
					.findFirst()
					.orElseThrow();
				assertThat(atAlice.headers().getFirst("warren-sender")).isEqualTo(bob.clientId());
				assertThat(atAlice.body()).isEqualTo("{\"text\":\"hi alice\"}");

				// A private topic of which bob is no member, and one closed to clients.
				bobOnB.text("{\"type\":\"Publish\",\"request_id\":\"p2\",\"topic\":\"" + team + "\",\"data\":1}");
				assertThat(json
					.readTree(bobOnB.await((frame) -> frame.contains("\"request_id\":\"p2\""), StompProbe.timeout()))
					.path("code")
					.asString()).isEqualTo("forbidden");
				aliceOnA.send("/app/topics/" + news, "{}");
				await().atMost(StompProbe.timeout()).until(() -> !aliceOnA.errors().isEmpty());
				assertThat(aliceOnA.errors().get(0)).isEqualTo("Publishing is not allowed: /topic/" + news);
			}

			// A node that dies stops announcing itself: within three announcement
			// intervals
			// it leaves the node list, and registration offers only the live one.
			long killed = System.nanoTime();
			nodeB.kill();
			await().atMost(Duration.ofSeconds(25))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> api.get("/v1/nodes")
					.body()
					.valueStream()
					.noneMatch((node) -> node.path("url").asString().equals("wss://node-b.example.test/ws")));
			Duration gone = Duration.ofNanos(System.nanoTime() - killed);
			System.out.printf("node registry: a killed node left /v1/nodes after %d ms%n", gone.toMillis());
			assertThat(gone).as("three intervals of %s, and one poll", WarrenNames.NODE_STATUS_INTERVAL)
				.isLessThanOrEqualTo(WarrenNames.NODE_STATUS_INTERVAL.multipliedBy(3).plusSeconds(1));
			assertThat(api.get("/v1/nodes").body().valueStream().map((node) -> node.path("url").asString()))
				.containsExactly("wss://node-a.example.test/ws");
			PublisherApi.Registered dave = api.register("dave", "dave-" + UUID.randomUUID() + "@example.test",
					"password-dave");
			assertThat(dave.socketUrl()).isEqualTo("wss://node-a.example.test/ws");
		}
	}

}
