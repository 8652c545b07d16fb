package dev.warren.publisher.node;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * What the registry makes of the nodes' announcements: live nodes, the least-loaded URL,
 * subscribers summed, silent nodes dropped after three intervals, bad announcements
 * ignored.
 */
class NodeRegistryTests {

	private Instant now = Instant.parse("2026-12-05T12:00:00Z");

	private final NodeRegistry registry = new NodeRegistry(JsonMapper.builder().build(), new Clock() {

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return NodeRegistryTests.this.now;
		}

	}, List.of());

	@Test
	void theLeastLoadedNodeWithAUrlIsOfferedAndSilentNodesAreDropped() {
		announce("{\"node\":\"a\",\"url\":\"wss://a/ws\",\"startedAt\":\"2026-12-05T11:00:00Z\",\"connections\":30,"
				+ "\"subscriptions\":40,\"topics\":{\"t\":3}}");
		announce("{\"node\":\"b\",\"url\":\"wss://b/ws\",\"startedAt\":\"2026-12-05T11:00:00Z\",\"connections\":10,"
				+ "\"subscriptions\":12,\"topics\":{\"t\":2,\"u\":1}}");
		announce("{\"node\":\"c\",\"startedAt\":\"2026-12-05T11:00:00Z\",\"connections\":0,\"subscriptions\":0,"
				+ "\"topics\":{}}");
		announce("{\"url\":\"wss://nameless/ws\"}");
		announce("not json");

		assertThat(this.registry.live()).extracting(NodeView::node).containsExactly("a", "b", "c");
		assertThat(this.registry.leastLoadedUrl()).hasValue("wss://b/ws");
		assertThat(this.registry.subscribers()).containsEntry("t", 5).containsEntry("u", 1);

		this.now = this.now.plus(Duration.ofSeconds(10));
		announce("{\"node\":\"a\",\"url\":\"wss://a/ws\",\"startedAt\":\"2026-12-05T11:00:00Z\",\"connections\":30,"
				+ "\"subscriptions\":40,\"topics\":{\"t\":3}}");
		this.now = this.now.plus(Duration.ofSeconds(6));
		assertThat(this.registry.live()).extracting(NodeView::node).containsExactly("a");
		assertThat(this.registry.leastLoadedUrl()).hasValue("wss://a/ws");
		assertThat(this.registry.subscribers()).containsOnly(entry("t", 3));
	}

	private void announce(String status) {
		this.registry.onMessage(new Message(status.getBytes(StandardCharsets.UTF_8), new MessageProperties()));
	}

}
