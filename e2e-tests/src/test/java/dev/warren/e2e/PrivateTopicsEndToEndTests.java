package dev.warren.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A private topic over two nodes, on STOMP and JSON alike: a non-member is refused, a
 * member added through the API may subscribe on both nodes at once, a member removed gets
 * one {@code revoked} message on each of its subscriptions within a second and nothing of
 * the topic after it, and a deleted topic does the same to everyone. A node started after
 * the rules exist knows them before it takes a subscription.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivateTopicsEndToEndTests {

	private static final String SECRET = "private-" + UUID.randomUUID() + "-" + UUID.randomUUID();

	private static final String ADMIN_TOKEN = "admin-" + UUID.randomUUID() + "-" + UUID.randomUUID();

	private static final JsonMapper json = JsonMapper.builder().build();

	/**
	 * The promise: a change reaches live sessions on every node within a second.
	 */
	private static final Duration LIVE = Duration.ofSeconds(1);

	private WarrenProcess publisher;

	private WarrenProcess nodeA;

	private WarrenProcess nodeB;

	private PublisherApi api;

	private String publishKey;

	private final String topic = "board-" + UUID.randomUUID().toString().substring(0, 8);

	private Path workDir;

	@BeforeAll
	void start(@TempDir Path workDir) {
		this.workDir = workDir;
		Map<String, String> env = ExternalMode.node(SECRET);
		this.publisher = WarrenProcess.start("private-publisher", "warren.publisher.jar", workDir.resolve("p"),
				ExternalMode.publisher(SECRET, ADMIN_TOKEN), List.of(), WarrenProcess.freePort());
		this.nodeA = WarrenProcess.start("private-socket-a", "warren.socket.jar", workDir.resolve("a"), env, List.of(),
				WarrenProcess.freePort());
		this.api = new PublisherApi(this.publisher.baseUrl(), ADMIN_TOKEN);
		assertThat(this.api.get("/v1/create-rabbit-ch").status()).isEqualTo(200);
		this.publishKey = this.api.post("/v1/api-keys", Map.of("name", "private e2e", "scopes", List.of("publish")))
			.body()
			.path("key")
			.asString();
		this.nodeB = WarrenProcess.start("private-socket-b", "warren.socket.jar", workDir.resolve("b"), env, List.of(),
				WarrenProcess.freePort());
	}

	@AfterAll
	void stop() {
		for (WarrenProcess process : new WarrenProcess[] { this.nodeB, this.nodeA, this.publisher }) {
			if (process != null) {
				process.close();
			}
		}
	}

	@Test
	void membersAreGrantedAndRevokedLiveOnEveryNodeAndEveryProtocol() throws Exception {
		PublisherApi.Registered alice = register("alice");
		PublisherApi.Registered bob = register("bob");
		PublisherApi.Response created = this.api.post("/v1/topics",
				Map.of("name", this.topic, "visibility", "private", "members", List.of(alice.clientId())));
		assertThat(created.status()).as(created.body().toString()).isEqualTo(201);

		try (StompProbe aliceOnA = new StompProbe("alice-a");
				RawSocket aliceOnB = json(this.nodeB, alice);
				StompProbe bobOnA = new StompProbe("bob-a");
				RawSocket bobOnB = json(this.nodeB, bob)) {
			aliceOnA.connected(this.nodeA.edgeUrl(), alice.token()).subscribe("/topic/" + this.topic);
			subscribe(aliceOnB, "a1");
			assertThat(subscribe(bobOnB, "b1").path("code").asString()).as("a non-member on JSON")
				.isEqualTo("forbidden");
			bobOnA.connected(this.nodeA.edgeUrl(), bob.token()).subscribeNoReceipt("/topic/" + this.topic);
			await().atMost(StompProbe.timeout()).until(() -> !bobOnA.errors().isEmpty());
			assertThat(bobOnA.errors().get(0)).as("a non-member on STOMP").startsWith("Forbidden destination");

			// Added: he may subscribe on both nodes at once.
			assertThat(this.api.put("/v1/topics/" + this.topic + "/members/" + bob.clientId()).status()).isEqualTo(201);
			try (StompProbe bobAgainOnA = new StompProbe("bob-a2")) {
				await().atMost(LIVE)
					.until(() -> subscribe(bobOnB, "b-" + UUID.randomUUID()).path("type")
						.asString()
						.equals("response"));
				bobAgainOnA.connected(this.nodeA.edgeUrl(), bob.token()).subscribe("/topic/" + this.topic);

				publish("{\"n\":1}");
				await().atMost(StompProbe.timeout())
					.until(() -> aliceOnA.messages().size() == 1 && bobAgainOnA.messages().size() == 1
							&& messages(aliceOnB).size() == 1 && messages(bobOnB).size() == 1);

				// Removed: one last revoked message on each of his subscriptions, on both
				// nodes, and nothing of the topic after it.
				assertThat(this.api.delete("/v1/topics/" + this.topic + "/members/" + bob.clientId()).status())
					.isEqualTo(204);
				await().atMost(LIVE).until(() -> bobAgainOnA.messages().size() == 2 && controls(bobOnB).size() == 1);
				assertThat(bobAgainOnA.messages().get(1).headers().getFirst("warren-control")).isEqualTo("revoked");
				assertThat(controls(bobOnB).get(0).path("topic").asString()).isEqualTo(this.topic);
				assertThat(controls(bobOnB).get(0).path("control").asString()).isEqualTo("revoked");

				publish("{\"n\":2}");
				await().atMost(StompProbe.timeout())
					.until(() -> aliceOnA.messages().size() == 2 && messages(aliceOnB).size() == 2);
				Thread.sleep(500);
				assertThat(bobAgainOnA.messages()).hasSize(2);
				assertThat(messages(bobOnB)).hasSize(1);
				assertThat(controls(aliceOnB)).isEmpty();
				assertThat(subscribe(bobOnB, "b-again").path("code").asString()).isEqualTo("forbidden");
			}

			// A node started now learns the rules before it takes a subscription.
			try (WarrenProcess nodeC = WarrenProcess.start("private-socket-c", "warren.socket.jar",
					this.workDir.resolve("c"), ExternalMode.node(SECRET), List.of(), WarrenProcess.freePort());
					RawSocket bobOnC = json(nodeC, bob);
					RawSocket aliceOnC = json(nodeC, alice)) {
				assertThat(subscribe(bobOnC, "c1").path("code").asString()).isEqualTo("forbidden");
				assertThat(subscribe(aliceOnC, "c2").path("type").asString()).isEqualTo("response");
			}

			// Deleted: every subscriber loses it.
			assertThat(this.api.delete("/v1/topics/" + this.topic).status()).isEqualTo(204);
			await().atMost(LIVE).until(() -> aliceOnA.messages().size() == 3 && controls(aliceOnB).size() == 1);
			assertThat(aliceOnA.messages().get(2).headers().getFirst("warren-control")).isEqualTo("revoked");
		}
	}

	private PublisherApi.Registered register(String name) {
		return this.api.register(name, name + "-" + UUID.randomUUID() + "@example.test", "password-" + name);
	}

	private static RawSocket json(WarrenProcess node, PublisherApi.Registered client) {
		RawSocket socket = RawSocket.open(node.edgeUrl() + "/json", null);
		socket.text("{\"type\":\"Connect\",\"request_id\":\"c\",\"token\":\"" + client.token() + "\"}");
		socket.await((frame) -> frame.contains("\"connected\""), StompProbe.timeout());
		return socket;
	}

	/**
	 * Subscribes and returns the answer: a {@code response} or an {@code error} frame.
	 */
	private JsonNode subscribe(RawSocket socket, String requestId) {
		socket.text("{\"type\":\"Subscribe\",\"request_id\":\"" + requestId + "\",\"topic\":\"" + this.topic + "\"}");
		return json.readTree(
				socket.await((frame) -> frame.contains("\"request_id\":\"" + requestId + "\""), StompProbe.timeout()));
	}

	private List<JsonNode> messages(RawSocket socket) {
		return frames(socket, "message");
	}

	private List<JsonNode> controls(RawSocket socket) {
		return frames(socket, "control");
	}

	private static List<JsonNode> frames(RawSocket socket, String type) {
		return socket.received()
			.stream()
			.map(json::readTree)
			.filter((frame) -> frame.path("type").asString().equals(type))
			.toList();
	}

	private void publish(String body) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create(this.publisher.baseUrl() + "/v1/topics/" + this.topic + "/messages"))
				.header("Authorization", "Bearer " + this.publishKey)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
	}

}
