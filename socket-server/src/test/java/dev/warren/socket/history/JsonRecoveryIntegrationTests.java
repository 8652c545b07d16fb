package dev.warren.socket.history;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.warren.socket.support.JsonClient;
import dev.warren.socket.support.SocketServerIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The JSON protocol's recovery: {@code since} on {@code Connect} for the private channel
 * and on {@code Subscribe} for a topic.
 */
class JsonRecoveryIntegrationTests extends SocketServerIntegrationTest {

	private JsonClient client;

	@AfterEach
	void close() {
		if (this.client != null) {
			this.client.close();
		}
	}

	@Test
	void connectAndSubscribeResumeFromTheirPositions() {
		String alice = newClientId();
		String topic = "json-resume-" + UUID.randomUUID().toString().substring(0, 8);
		JsonClient first = connect(alice, null);
		first.send("{\"type\":\"Subscribe\",\"request_id\":\"s1\",\"topic\":\"" + topic + "\"}");
		first.await("response", "s1");
		publish("client." + alice, "{\"n\":1}", "j-1");
		publish("topic." + topic, "{\"t\":1}", "j-2");
		await().atMost(timeout()).until(() -> first.messages().size() == 2);
		String privatePosition = position(first, "private");
		String topicPosition = position(first, "topic");
		first.close();

		this.rabbit.invoke((operations) -> {
			publish(operations, "client." + alice, "{\"n\":2}", "j-3");
			publish(operations, "topic." + topic, "{\"t\":2}", "j-4");
			return null;
		});

		this.client = connect(alice, privatePosition);
		this.client.send("{\"type\":\"Subscribe\",\"request_id\":\"s2\",\"topic\":\"" + topic + "\",\"since\":\""
				+ topicPosition + "\"}");
		this.client.await("response", "s2");
		await().atMost(timeout()).until(() -> this.client.messages().size() == 2);
		assertThat(this.client.messages()).extracting((frame) -> frame.path("id").asString())
			.containsExactlyInAnyOrder("j-3", "j-4");
		assertThat(this.client.messages())
			.allSatisfy((frame) -> assertThat(frame.path("position").asString()).isNotEmpty());
	}

	@Test
	void aSinceThatIsNoPositionIsAnError() {
		this.client = JsonClient.open(this.edge.port(), "/ws/json", null);
		this.client.send("{\"type\":\"Connect\",\"request_id\":\"c1\",\"token\":\"" + token(newClientId())
				+ "\",\"since\":\"last tuesday\"}");
		JsonNode error = this.client.await("error", "c1");
		assertThat(error.path("code").asString()).isEqualTo("invalid");
		assertThat(error.path("message").asString()).startsWith("Invalid warren-since: last tuesday");
	}

	private JsonClient connect(String clientId, String since) {
		JsonClient client = JsonClient.open(this.edge.port(), "/ws/json", null);
		client.send("{\"type\":\"Connect\",\"request_id\":\"c\",\"token\":\"" + token(clientId) + "\""
				+ ((since != null) ? ",\"since\":\"" + since + "\"" : "") + "}");
		client.await("connected", "c");
		return client;
	}

	private static String position(JsonClient client, String channel) {
		return client.messages()
			.stream()
			.filter((frame) -> channel.equals(frame.path("channel").asString()))
			.findFirst()
			.orElseThrow()
			.path("position")
			.asString();
	}

}
