package dev.warren.publisher.record;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.common.WarrenNames;
import dev.warren.common.record.RecordChecksum;
import dev.warren.publisher.DeliveryProbe;
import dev.warren.publisher.IntegrationTestSupport;
import dev.warren.publisher.RawApi;

import static dev.warren.publisher.RawApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Record operations published over HTTP against the real RabbitMQ and database: they
 * reach the deliveries exchange with their headers, and the ledger answers what a
 * client's replica should hold across its private channel, broadcasts and the topics it
 * follows.
 */
class RecordLedgerIntegrationTests extends IntegrationTestSupport {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@LocalServerPort
	int port;

	@Autowired
	CachingConnectionFactory connectionFactory;

	@Autowired
	WarrenAmqpProperties names;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private RawApi api;

	@BeforeEach
	void channel() {
		this.api = new RawApi(this.port);
		assertThat(this.http.getForEntity("/v1/create-rabbit-ch", Object.class).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void recordHeadersTravelToTheDeliveries() throws Exception {
		String client = "c-" + this.run;
		try (DeliveryProbe probe = DeliveryProbe.open(this.connectionFactory, this.names.deliveriesExchange(),
				"client." + client)) {
			publish("/v1/clients/" + client + "/messages", "{\"name\":\"Ann\"}", "upsert", "people", "p:1");
			await().atMost(WAIT).untilAsserted(() -> assertThat(probe.received()).singleElement().satisfies((m) -> {
				assertThat(String.valueOf(m.header(WarrenNames.OP_HEADER))).isEqualTo("upsert");
				assertThat(String.valueOf(m.header(WarrenNames.COLLECTION_HEADER))).isEqualTo("people");
				assertThat(String.valueOf(m.header(WarrenNames.KEY_HEADER))).isEqualTo("p:1");
			}));
		}
	}

	@Test
	void theChecksumFollowsEveryScopeAClientReceives() {
		String client = "c-" + this.run;
		String topic = "staff-" + this.run;
		String people = "people-" + this.run;
		publish("/v1/clients/" + client + "/messages", "{\"n\":1}", "upsert", people, "1");
		publish("/v1/broadcast", "{\"n\":2}", "upsert", people, "2");
		publish("/v1/topics/" + topic + "/messages", "{\"n\":3}", "upsert", people, "3");
		publish("/v1/topics/" + topic + "/messages", "", "delete", people, "1");
		publish("/v1/clients/" + client + "/messages", "{\"n\":4}", "upsert", people, "4");
		publish("/v1/clients/other-" + this.run + "/messages", "{\"n\":6}", "upsert", people, "6");

		TreeMap<String, String> withTopic = records("2", "{\"n\":2}", "3", "{\"n\":3}", "4", "{\"n\":4}");
		TreeMap<String, String> withoutTopic = records("1", "{\"n\":1}", "2", "{\"n\":2}", "4", "{\"n\":4}");
		await().atMost(WAIT).untilAsserted(() -> {
			JsonNode answer = checksum(client, people, topic);
			assertThat(answer.path("rows").asInt()).isEqualTo(3);
			assertThat(answer.path("checksum").asString()).isEqualTo(RecordChecksum.of(withTopic));
		});
		JsonNode alone = checksum(client, people, null);
		assertThat(alone.path("checksum").asString()).isEqualTo(RecordChecksum.of(withoutTopic));

		publish("/v1/broadcast", "", "clear", people, null);
		publish("/v1/clients/" + client + "/messages", "{\"n\":5}", "upsert", people, "5");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(checksum(client, people, topic).path("checksum").asString())
				.isEqualTo(RecordChecksum.of(records("5", "{\"n\":5}"))));
		assertThat(checksum("nobody-" + this.run, people, null).path("rows").asInt()).isZero();
	}

	@Test
	void anInvalidRecordOperationIsRefusedNamingItsHeader() {
		String path = "/v1/clients/c-" + this.run + "/messages";
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		JsonNode problem = assertProblem(this.api.send("POST", path, "application/json", body, ADMIN_TOKEN, "Warren-Op",
				"merge", "Warren-Collection", "people", "Warren-Key", "1"), 400, "an unknown op");
		assertThat(problem.path("errors").path("Warren-Op").asString()).contains("upsert, delete or clear");
		problem = assertProblem(this.api.send("POST", path, "application/json", body, ADMIN_TOKEN, "Warren-Op",
				"upsert", "Warren-Collection", "people"), 400, "an upsert without a key");
		assertThat(problem.path("errors").path("Warren-Key").asString()).contains("needs a warren-key");
		problem = assertProblem(this.api.send("POST", path, "application/json", body, ADMIN_TOKEN, "Warren-Op", "clear",
				"Warren-Collection", "a/b"), 400, "a bad collection");
		assertThat(problem.path("errors").path("Warren-Collection").asString()).contains("[A-Za-z0-9_.-]");
		assertProblem(this.api.send("POST", path, "application/json", body, ADMIN_TOKEN, "Warren-Key", "1"), 400,
				"a key without an op");
		assertProblem(this.api.send("GET", "/v1/clients/c-1/collections/a%20b/checksum", null, null, ADMIN_TOKEN), 400,
				"a bad collection name");
		assertThat(this.api.send("GET", "/v1/clients/c-1/collections/people/checksum", null, null, null).statusCode())
			.as("admin only")
			.isEqualTo(401);
	}

	private void publish(String path, String body, String op, String collection, String key) {
		HttpResponse<String> response = (key != null)
				? this.api.send("POST", path, "application/json", body.getBytes(StandardCharsets.UTF_8), ADMIN_TOKEN,
						"Warren-Op", op, "Warren-Collection", collection, "Warren-Key", key)
				: this.api.send("POST", path, "application/json", body.getBytes(StandardCharsets.UTF_8), ADMIN_TOKEN,
						"Warren-Op", op, "Warren-Collection", collection);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
	}

	private JsonNode checksum(String client, String collection, String topic) {
		String path = "/v1/clients/" + client + "/collections/" + collection + "/checksum"
				+ ((topic != null) ? "?topic=" + topic : "");
		HttpResponse<String> response = this.api.send("GET", path, null, null, ADMIN_TOKEN);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return RawApi.json(response.body());
	}

	private static TreeMap<String, String> records(String... keysAndBodies) {
		TreeMap<String, String> records = new TreeMap<>();
		for (int i = 0; i < keysAndBodies.length; i += 2) {
			records.put(keysAndBodies[i],
					RecordChecksum.bodyDigest(keysAndBodies[i + 1].getBytes(StandardCharsets.UTF_8)));
		}
		return records;
	}

}
