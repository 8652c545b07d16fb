package dev.warren.socket.hub;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.warren.socket.support.JsonClient;
import dev.warren.socket.support.StompProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Topic rules on the edge, for STOMP (the inherited tests) and JSON: a JSON subscriber
 * who loses the topic gets
 * {@code {"type":"control","channel":"topic","topic":…,"control":"revoked"}}, then
 * nothing of the topic, and a refused Subscribe leaves its connection open.
 */
class EdgeTopicRuleIntegrationTests extends TopicRuleIntegrationTests {

	private JsonClient json;

	@Override
	protected boolean onEdge() {
		return true;
	}

	@AfterEach
	void closeJson() {
		if (this.json != null) {
			this.json.close();
		}
	}

	@Test
	void aJsonSubscriberWhoLosesATopicIsToldSo() {
		String member = newClientId();
		StompProbe.Inbox stays = connected(member).subscribe("/topic/" + this.topic);
		this.json = JsonClient.open(this.edge.port(), "/ws/json", token(newClientId()));
		this.json.await((frame) -> "connected".equals(frame.path("type").asString()));
		this.json.send("{\"type\":\"Subscribe\",\"request_id\":\"s\",\"topic\":\"" + this.topic + "\"}");
		this.json.await("response", "s");

		rule("private", member, false);
		JsonNode control = this.json.await((frame) -> "control".equals(frame.path("type").asString()));
		assertThat(control.path("topic").asString()).isEqualTo(this.topic);
		assertThat(control.path("control").asString()).isEqualTo("revoked");

		publish("topic." + this.topic, "{\"after\":true}", "after");
		await().atMost(timeout()).until(() -> stays.frames().size() == 1);
		assertThat(this.json.messages()).isEmpty();
		this.json.send("{\"type\":\"Subscribe\",\"request_id\":\"again\",\"topic\":\"" + this.topic + "\"}");
		assertThat(this.json.await("error", "again").path("code").asString()).isEqualTo("forbidden");
		assertThat(this.json.isClosed()).isFalse();
	}

}
