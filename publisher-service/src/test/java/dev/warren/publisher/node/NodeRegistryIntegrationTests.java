package dev.warren.publisher.node;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.publisher.IntegrationTestSupport;
import dev.warren.publisher.RawApi;

import static dev.warren.publisher.RawApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nodes' announcements, as socket-server sends them, become the admin's node list and the
 * catalogue's live subscriber counts (summed over nodes).
 */
class NodeRegistryIntegrationTests extends IntegrationTestSupport {

	@LocalServerPort
	int port;

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	WarrenAmqpProperties names;

	@Test
	void announcedNodesAreListedAndTheirSubscribersCounted() {
		RawApi api = new RawApi(this.port);
		String topic = "counted-" + UUID.randomUUID().toString().substring(0, 8);
		String one = "node-" + UUID.randomUUID().toString().substring(0, 8);
		String two = "node-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(api
			.sendJson("POST", "/v1/topics", "{\"name\":\"" + topic + "\",\"visibility\":\"public\"}", ADMIN_TOKEN)
			.statusCode()).isEqualTo(201);
		announce(one, "{\"" + topic + "\":3,\"elsewhere\":1}");
		announce(two, "{\"" + topic + "\":2}");

		await().atMost(Duration.ofSeconds(15))
			.until(() -> RawApi.json(api.sendJson("GET", "/v1/topics/" + topic, null, ADMIN_TOKEN).body())
				.path("subscribers")
				.asInt() == 5);
		JsonNode nodes = RawApi.json(api.sendJson("GET", "/v1/nodes", null, ADMIN_TOKEN).body());
		assertThat(nodes.valueStream().map((node) -> node.path("node").asString())).contains(one, two);
		JsonNode first = nodes.valueStream()
			.filter((node) -> node.path("node").asString().equals(one))
			.findFirst()
			.orElseThrow();
		assertThat(first.path("connections").asInt()).isEqualTo(4);
		assertThat(first.has("topics")).isFalse();

		String topicsKey = api.createKey(ADMIN_TOKEN, "catalogue " + topic, "topics:write").path("key").asString();
		assertProblem(api.sendJson("GET", "/v1/nodes", null, topicsKey), 403, "a topics:write key");
		assertProblem(api.sendJson("GET", "/v1/nodes", null, null), 401, "no key");
	}

	private void announce(String node, String topics) {
		String status = "{\"node\":\"" + node + "\",\"startedAt\":\"" + Instant.now() + "\",\"connections\":4,"
				+ "\"subscriptions\":9,\"topics\":" + topics + "}";
		MessageProperties properties = new MessageProperties();
		properties.setContentType("application/json");
		this.rabbit.send(this.names.deliveriesExchange(), "control.node-status." + node,
				new Message(status.getBytes(StandardCharsets.UTF_8), properties));
	}

}
