package dev.warren.publisher.publish;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.common.WarrenNames;
import dev.warren.publisher.DeliveryProbe;
import dev.warren.publisher.IntegrationTestSupport;
import dev.warren.publisher.RawApi;

import static dev.warren.publisher.RawApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Publishing over HTTP against the real RabbitMQ: the message travels ingest to the
 * deliveries exchange under the id the API answered; keys, scopes, limits and
 * {@code Idempotency-Key}.
 */
class PublishIntegrationTests extends IntegrationTestSupport {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@LocalServerPort
	int port;

	@Autowired
	CachingConnectionFactory connectionFactory;

	@Autowired
	WarrenAmqpProperties names;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private RawApi api;

	private String publishKey;

	@BeforeEach
	void keys() {
		this.api = new RawApi(this.port);
		assertThat(this.http.getForEntity("/v1/create-rabbit-ch", Object.class).getStatusCode().value()).isEqualTo(200);
		this.publishKey = this.api.createKey(ADMIN_TOKEN, "producer " + this.run, "publish").path("key").asString();
	}

	@Test
	void aTopicMessageTravelsUnderTheIdTheApiAnswered() throws Exception {
		String topic = "prices-" + this.run;
		try (DeliveryProbe probe = DeliveryProbe.open(this.connectionFactory, this.names.deliveriesExchange(),
				"topic." + topic)) {
			HttpResponse<String> response = this.api.send("POST", "/v1/topics/" + topic + "/messages",
					"application/json", "{\"eur\":1.1}".getBytes(StandardCharsets.UTF_8), this.publishKey);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
			String id = RawApi.json(response.body()).path("id").asString();
			assertThat(id).startsWith("h-");
			await().atMost(WAIT).untilAsserted(() -> assertThat(probe.received()).singleElement().satisfies((m) -> {
				assertThat(m.text()).isEqualTo("{\"eur\":1.1}");
				assertThat(m.properties().getContentType()).isEqualTo("application/json");
				assertThat(String.valueOf(m.header(WarrenNames.ID_HEADER))).isEqualTo(id);
				assertThat(String.valueOf(m.header(WarrenNames.DESTINATION_HEADER))).isEqualTo("/topic/" + topic);
			}));
		}
	}

	@Test
	void aClientMessageAndABroadcastGoWhereTheirPathsSay() throws Exception {
		String client = "c-" + this.run;
		try (DeliveryProbe probe = DeliveryProbe.open(this.connectionFactory, this.names.deliveriesExchange(),
				"client." + client, "broadcast")) {
			assertThat(this.api
				.send("POST", "/v1/clients/" + client + "/messages", "text/plain; charset=utf-8",
						"hello ü".getBytes(StandardCharsets.UTF_8), this.publishKey)
				.statusCode()).isEqualTo(202);
			assertThat(this.api
				.send("POST", "/v1/broadcast", null, "{\"all\":true}".getBytes(StandardCharsets.UTF_8), ADMIN_TOKEN)
				.statusCode()).as("the admin token includes publish").isEqualTo(202);
			await().atMost(WAIT).untilAsserted(() -> assertThat(probe.received()).hasSize(2));
			assertThat(probe.received()).anySatisfy((m) -> {
				assertThat(m.routingKey()).isEqualTo("client." + client);
				assertThat(m.text()).isEqualTo("hello ü");
				assertThat(m.properties().getContentType()).startsWith("text/plain");
			});
			assertThat(probe.received()).anySatisfy((m) -> {
				assertThat(m.routingKey()).isEqualTo("broadcast");
				assertThat(m.properties().getContentType()).isEqualTo("application/json");
			});
		}
	}

	@Test
	void aRepeatedIdempotencyKeyPublishesOnceAndAnswersTheSameId() throws Exception {
		String topic = "once-" + this.run;
		String key = "order-" + this.run;
		byte[] body = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);
		try (DeliveryProbe probe = DeliveryProbe.open(this.connectionFactory, this.names.deliveriesExchange(),
				"topic." + topic)) {
			HttpResponse<String> first = this.api.send("POST", "/v1/topics/" + topic + "/messages", "application/json",
					body, this.publishKey, "Idempotency-Key", key);
			HttpResponse<String> again = this.api.send("POST", "/v1/topics/" + topic + "/messages", "application/json",
					body, this.publishKey, "Idempotency-Key", key);
			assertThat(first.statusCode()).isEqualTo(202);
			assertThat(again.statusCode()).isEqualTo(202);
			assertThat(again.body()).isEqualTo(first.body());
			assertThat(first.headers().firstValue("Idempotent-Replayed")).hasValue("false");
			assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
			assertProblem(
					this.api.send("POST", "/v1/topics/" + topic + "/messages", "application/json",
							"{\"n\":2}".getBytes(StandardCharsets.UTF_8), this.publishKey, "Idempotency-Key", key),
					422, "the same key for another body");
			// Another credential's key of the same name is its own.
			assertThat(this.api
				.send("POST", "/v1/topics/" + topic + "/messages", "application/json", body, ADMIN_TOKEN,
						"Idempotency-Key", key)
				.statusCode()).isEqualTo(202);
			await().atMost(WAIT).untilAsserted(() -> assertThat(probe.received()).hasSize(2));
			Thread.sleep(500);
			assertThat(probe.received()).as("nothing more than the two first publishes").hasSize(2);
		}
	}

	@Test
	void credentialsWithoutThePublishScopeAreRefused() {
		JsonNode topicsOnly = this.api.createKey(ADMIN_TOKEN, "catalogue " + this.run, "topics:write");
		JsonNode revoked = this.api.createKey(ADMIN_TOKEN, "old producer " + this.run, "publish");
		assertThat(this.api.send("DELETE", "/v1/api-keys/" + revoked.path("id").asString(), null, null, ADMIN_TOKEN)
			.statusCode()).isEqualTo(204);
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		for (String path : new String[] { "/v1/topics/t/messages", "/v1/clients/c/messages", "/v1/broadcast" }) {
			assertProblem(this.api.send("POST", path, "application/json", body, null), 401, path + " without a key");
			assertProblem(this.api.send("POST", path, "application/json", body, revoked.path("key").asString()), 401,
					path + " with a revoked key");
			assertProblem(this.api.send("POST", path, "application/json", body, topicsOnly.path("key").asString()), 403,
					path + " with a topics:write key");
		}
	}

	@Test
	void badMessagesAreRefusedBeforeTheyArePublished() {
		byte[] limit = new byte[64 * 1024];
		Arrays.fill(limit, (byte) 'a');
		assertThat(this.api.send("POST", "/v1/topics/big/messages", "text/plain", limit, this.publishKey).statusCode())
			.as("exactly the limit")
			.isEqualTo(202);
		byte[] over = Arrays.copyOf(limit, limit.length + 1);
		over[limit.length] = 'a';
		assertProblem(this.api.send("POST", "/v1/topics/big/messages", "text/plain", over, this.publishKey), 413,
				"one byte over the limit");
		JsonNode badName = assertProblem(this.api.send("POST", "/v1/topics/a%20b/messages", "application/json",
				"{}".getBytes(StandardCharsets.UTF_8), this.publishKey), 400, "a topic name with a space");
		assertThat(badName.path("errors").has("name")).isTrue();
		JsonNode notUtf8 = assertProblem(this.api.send("POST", "/v1/topics/t/messages", "text/plain",
				new byte[] { 'a', (byte) 0xC3, 0x28 }, this.publishKey), 400, "text that is not UTF-8");
		assertThat(notUtf8.path("errors").path("body").asString()).contains("UTF-8");
		assertThat(this.api
			.send("POST", "/v1/topics/t/messages", "application/octet-stream", new byte[] { (byte) 0xC3, 0x28 },
					this.publishKey)
			.statusCode()).as("binary is binary").isEqualTo(202);
		assertProblem(
				this.api.send("POST", "/v1/topics/t/messages", "application/json",
						"{}".getBytes(StandardCharsets.UTF_8), this.publishKey, "Idempotency-Key", "has space"),
				400, "an Idempotency-Key with a space");
	}

}
