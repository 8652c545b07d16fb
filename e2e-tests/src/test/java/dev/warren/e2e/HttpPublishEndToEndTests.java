package dev.warren.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Publishing over HTTP with an API key, through two publisher-service instances on one
 * database, to a STOMP client on a node: the client receives the message under the id the
 * API answered, and a request retried on the other instance with the same
 * {@code Idempotency-Key} is delivered once.
 */
class HttpPublishEndToEndTests {

	private static final String SECRET = "http-" + UUID.randomUUID() + "-" + UUID.randomUUID();

	private static final String ADMIN_TOKEN = "admin-" + UUID.randomUUID() + "-" + UUID.randomUUID();

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aRetriedPublishOnTheOtherInstanceIsDeliveredOnce(@TempDir Path workDir) throws Exception {
		Map<String, String> env = ExternalMode.node(SECRET);
		Map<String, String> publisherEnv = ExternalMode.publisher(SECRET, ADMIN_TOKEN);
		try (WarrenProcess one = WarrenProcess.start("http-publisher-1", "warren.publisher.jar", workDir.resolve("p1"),
				publisherEnv, List.of(), WarrenProcess.freePort());
				WarrenProcess two = WarrenProcess.start("http-publisher-2", "warren.publisher.jar",
						workDir.resolve("p2"), publisherEnv, List.of(), WarrenProcess.freePort());
				WarrenProcess node = WarrenProcess.start("http-socket", "warren.socket.jar", workDir.resolve("s"), env,
						List.of(), WarrenProcess.freePort());
				StompProbe probe = new StompProbe("http-reader")) {
			PublisherApi admin = new PublisherApi(one.baseUrl(), ADMIN_TOKEN);
			assertThat(admin.get("/v1/create-rabbit-ch").status()).isEqualTo(200);
			String key = admin.post("/v1/api-keys", Map.of("name", "e2e producer", "scopes", List.of("publish")))
				.body()
				.path("key")
				.asString();
			PublisherApi.Registered reader = admin.register("Reader", "reader-" + UUID.randomUUID() + "@example.test",
					"password-reader");
			String topic = "news-" + UUID.randomUUID().toString().substring(0, 8);
			probe.connected(node.edgeUrl(), reader.token()).subscribe("/topic/" + topic).subscribe("/user/queue/data");

			String idempotencyKey = "e2e-" + UUID.randomUUID();
			HttpResponse<String> first = publish(one, "/v1/topics/" + topic + "/messages", key, idempotencyKey,
					"{\"headline\":1}");
			HttpResponse<String> retried = publish(two, "/v1/topics/" + topic + "/messages", key, idempotencyKey,
					"{\"headline\":1}");
			assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
			assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
			String id = json.readTree(first.body()).path("id").asString();
			assertThat(json.readTree(retried.body()).path("id").asString()).isEqualTo(id);
			HttpResponse<String> direct = publish(two, "/v1/clients/" + reader.clientId() + "/messages", key, null,
					"{\"just\":\"you\"}");
			assertThat(direct.statusCode()).isEqualTo(202);

			await().atMost(StompProbe.timeout()).until(() -> probe.messages().size() >= 2);
			Thread.sleep(1_000);
			assertThat(probe.messagesOn("/topic/" + topic)).singleElement().satisfies((m) -> {
				assertThat(m.headers().getFirst("warren-id")).isEqualTo(id);
				assertThat(m.body()).isEqualTo("{\"headline\":1}");
			});
			assertThat(probe.messagesOn("/user/queue/data")).singleElement()
				.satisfies((m) -> assertThat(m.headers().getFirst("warren-id"))
					.isEqualTo(json.readTree(direct.body()).path("id").asString()));
		}
	}

	private HttpResponse<String> publish(WarrenProcess publisher, String path, String key, String idempotencyKey,
			String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(publisher.baseUrl() + path))
			.header("Authorization", "Bearer " + key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
