package dev.warren.publisher.topic;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.publisher.DeliveryProbe;
import dev.warren.publisher.IntegrationTestSupport;
import dev.warren.publisher.RawApi;

import static dev.warren.publisher.RawApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The topic catalogue over HTTP with a {@code topics:write} key, against the real
 * database and RabbitMQ: every change is announced on {@code warren.topics}.
 */
class TopicsIntegrationTests extends IntegrationTestSupport {

	@LocalServerPort
	int port;

	@Autowired
	CachingConnectionFactory connectionFactory;

	@Autowired
	WarrenAmqpProperties names;

	@Autowired
	RabbitTemplate rabbit;

	private RawApi api;

	private String key;

	private final String name = "catalogue-" + UUID.randomUUID().toString().substring(0, 8);

	@BeforeEach
	void keys() {
		this.api = new RawApi(this.port);
		assertThat(this.http.getForEntity("/v1/create-rabbit-ch", Object.class).getStatusCode().value()).isEqualTo(200);
		this.key = this.api.createKey(ADMIN_TOKEN, "catalogue " + this.name, "topics:write").path("key").asString();
	}

	@Test
	void aTopicIsCreatedReadChangedAndDeletedAndEachChangeIsAnnounced() throws Exception {
		try (DeliveryProbe catalogue = DeliveryProbe.open(this.connectionFactory, this.names.deliveriesExchange(),
				"topic.warren.topics")) {
			HttpResponse<String> created = send("POST", "/v1/topics",
					"{\"name\":\"" + this.name + "\",\"description\":\"prices\",\"visibility\":\"public\"}");
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			assertThat(created.headers().firstValue("Location")).hasValue("/v1/topics/" + this.name);
			JsonNode topic = RawApi.json(created.body());
			assertThat(topic.path("visibility").asString()).isEqualTo("public");
			assertThat(topic.path("clientPublish").asBoolean()).isFalse();
			assertProblem(send("POST", "/v1/topics", "{\"name\":\"" + this.name + "\",\"visibility\":\"public\"}"), 409,
					"the same name again");

			assertThat(RawApi.json(send("GET", "/v1/topics/" + this.name, null).body()).path("description").asString())
				.isEqualTo("prices");
			JsonNode page = RawApi.json(send("GET", "/v1/topics?size=500", null).body());
			assertThat(page.path("total").asLong()).isPositive();
			assertThat(page.path("items").valueStream().map((item) -> item.path("name").asString()))
				.contains(this.name);

			HttpResponse<String> updated = send("PUT", "/v1/topics/" + this.name,
					"{\"description\":\"eur prices\",\"visibility\":\"public\",\"clientPublish\":true}");
			assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
			assertThat(RawApi.json(updated.body()).path("clientPublish").asBoolean()).isTrue();

			assertThat(send("DELETE", "/v1/topics/" + this.name, null).statusCode()).isEqualTo(204);
			assertProblem(send("GET", "/v1/topics/" + this.name, null), 404, "a deleted topic");
			assertProblem(send("DELETE", "/v1/topics/" + this.name, null), 404, "deleting it again");

			await().atMost(Duration.ofSeconds(15))
				.until(() -> catalogue.received().stream().filter((m) -> m.text().contains(this.name)).count() == 3);
			assertThat(catalogue.received().stream().filter((m) -> m.text().contains(this.name)).map((m) -> {
				JsonNode event = RawApi.json(m.text());
				return event.path("type").asString();
			})).containsExactly("created", "updated", "deleted");
		}
	}

	@Test
	void aTopicFirstSeenOnTheIngestPathIsRecordedAsPublic() {
		String seen = "seen-" + UUID.randomUUID().toString().substring(0, 8);
		this.rabbit.convertAndSend(this.names.ingestExchange(), "topic." + seen, "{\"first\":true}");
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(send("GET", "/v1/topics/" + seen, null).statusCode()).isEqualTo(200));
		JsonNode topic = RawApi.json(send("GET", "/v1/topics/" + seen, null).body());
		assertThat(topic.path("visibility").asString()).isEqualTo("public");
		assertThat(topic.path("clientPublish").asBoolean()).isFalse();
		// Its last message time follows within the write interval.
		await().atMost(Duration.ofSeconds(15))
			.until(() -> !RawApi.json(send("GET", "/v1/topics/" + seen, null).body()).path("lastMessageAt").isNull());
	}

	@Test
	void badRequestsAreRefused() {
		JsonNode badName = assertProblem(send("POST", "/v1/topics", "{\"name\":\"a b\",\"visibility\":\"public\"}"),
				400, "a bad name");
		assertThat(badName.path("errors").has("name")).isTrue();
		assertProblem(send("POST", "/v1/topics", "{\"name\":\"x\",\"visibility\":\"secret\"}"), 400,
				"an unknown visibility");
		JsonNode publicMembers = assertProblem(
				send("POST", "/v1/topics",
						"{\"name\":\"" + this.name + "\",\"visibility\":\"public\",\"members\":[\"a\"]}"),
				400, "members of a public topic");
		assertThat(publicMembers.path("errors").path("members").asString()).contains("only a private topic");
		assertProblem(
				send("POST", "/v1/topics",
						"{\"name\":\"" + this.name + "\",\"visibility\":\"private\",\"members\":[\"a b\"]}"),
				400, "a member that is no client id");
		assertProblem(send("POST", "/v1/topics", "{\"name\":\"warren.topics\",\"visibility\":\"public\"}"), 400,
				"the catalogue's own topic");
		assertProblem(send("GET", "/v1/topics/" + this.name, null), 404, "nothing was created");
		assertProblem(send("PUT", "/v1/topics/" + this.name + "/members/alice", null), 404, "a member of no topic");
	}

	@Test
	void everyRuleChangeIsAnnouncedToTheNodesWithAHigherVersion() throws Exception {
		try (DeliveryProbe nodes = DeliveryProbe.open(this.connectionFactory, this.names.deliveriesExchange(),
				"control.topic-rule")) {
			HttpResponse<String> created = send("POST", "/v1/topics", "{\"name\":\"" + this.name
					+ "\",\"visibility\":\"private\",\"clientPublish\":true,\"members\":[\"alice\"]}");
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			assertThat(RawApi.json(created.body()).path("members").asInt()).isEqualTo(1);
			assertThat(send("PUT", "/v1/topics/" + this.name + "/members/bob", null).statusCode()).isEqualTo(201);
			assertThat(send("PUT", "/v1/topics/" + this.name + "/members/bob", null).statusCode())
				.as("adding a member twice")
				.isEqualTo(204);
			assertThat(send("DELETE", "/v1/topics/" + this.name + "/members/alice", null).statusCode()).isEqualTo(204);
			assertProblem(send("DELETE", "/v1/topics/" + this.name + "/members/alice", null), 404,
					"no member any more");
			assertThat(RawApi.json(send("GET", "/v1/topics/" + this.name + "/members", null).body())
				.valueStream()
				.map(JsonNode::asString)).containsExactly("bob");
			assertThat(send("DELETE", "/v1/topics/" + this.name, null).statusCode()).isEqualTo(204);

			await().atMost(Duration.ofSeconds(15)).until(() -> rulesOf(nodes).size() == 4);
			List<JsonNode> rules = rulesOf(nodes);
			assertThat(rules)
				.extracting((rule) -> rule.path("members").valueStream().map(JsonNode::asString).sorted().toList())
				.containsExactly(List.of("alice"), List.of("alice", "bob"), List.of("bob"), List.of());
			assertThat(rules).extracting((rule) -> rule.path("deleted").asBoolean())
				.containsExactly(false, false, false, true);
			assertThat(rules.get(0).path("visibility").asString()).isEqualTo("private");
			assertThat(rules.get(0).path("clientPublish").asBoolean()).isTrue();
			List<Long> versions = rules.stream().map((rule) -> rule.path("version").asLong()).toList();
			assertThat(versions).isSorted().doesNotHaveDuplicates();
			assertThat(versions.get(0)).isPositive();
		}
	}

	@Test
	void aNodeThatAsksGetsEveryRuleInPagesThatEndWithLast() throws Exception {
		assertThat(send("POST", "/v1/topics",
				"{\"name\":\"" + this.name + "\",\"visibility\":\"private\",\"members\":[\"carol\"]}")
			.statusCode()).isEqualTo(201);
		String replyTo = "control.node.test-" + UUID.randomUUID();
		try (DeliveryProbe node = DeliveryProbe.open(this.connectionFactory, this.names.deliveriesExchange(),
				replyTo)) {
			MessageProperties properties = new MessageProperties();
			properties.setReplyTo(replyTo);
			properties.setCorrelationId("request-1");
			this.rabbit.send(this.names.deliveriesExchange(), "control.topic-rules-request",
					new Message(new byte[0], properties));
			await().atMost(Duration.ofSeconds(15))
				.until(() -> node.received().stream().anyMatch((m) -> RawApi.json(m.text()).path("last").asBoolean()));
			List<JsonNode> rules = node.received().stream().flatMap((m) -> {
				assertThat(m.properties().getCorrelationId()).isEqualTo("request-1");
				return RawApi.json(m.text()).path("rules").valueStream();
			}).filter((rule) -> rule.path("topic").asString().equals(this.name)).toList();
			assertThat(rules).hasSize(1);
			assertThat(rules.get(0).path("members").valueStream().map(JsonNode::asString)).containsExactly("carol");
			assertThat(RawApi.json(node.received().get(0).text()).path("clock").asLong())
				.isGreaterThanOrEqualTo(rules.get(0).path("version").asLong());
		}
	}

	private List<JsonNode> rulesOf(DeliveryProbe probe) {
		return probe.received()
			.stream()
			.map((m) -> RawApi.json(m.text()))
			.filter((rule) -> rule.path("topic").asString().equals(this.name))
			.toList();
	}

	@Test
	void theCatalogueNeedsTheTopicsWriteScope() {
		String publishKey = this.api.createKey(ADMIN_TOKEN, "producer " + this.name, "publish").path("key").asString();
		assertProblem(this.api.sendJson("GET", "/v1/topics", null, null), 401, "no key");
		assertProblem(this.api.sendJson("GET", "/v1/topics", null, publishKey), 403, "a publish key");
		assertProblem(this.api.sendJson("POST", "/v1/topics", "{\"name\":\"x\",\"visibility\":\"public\"}", publishKey),
				403, "a publish key creating");
		for (String[] members : new String[][] { { "GET", "/v1/topics/t/members" }, { "PUT", "/v1/topics/t/members/c" },
				{ "DELETE", "/v1/topics/t/members/c" } }) {
			assertProblem(this.api.sendJson(members[0], members[1], null, null), 401, "no key: " + members[1]);
			assertProblem(this.api.sendJson(members[0], members[1], null, publishKey), 403,
					"a publish key: " + members[0] + " " + members[1]);
		}
		assertThat(this.api.sendJson("GET", "/v1/topics", null, ADMIN_TOKEN).statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> send(String method, String path, String body) {
		return this.api.sendJson(method, path, body, this.key);
	}

}
