package dev.warren.publisher.ingest;

import org.junit.jupiter.api.Test;

import dev.warren.common.RoutingKey;

import static org.assertj.core.api.Assertions.assertThat;

class IngestDecisionTests {

	private static final int MAX = 1024;

	@Test
	void acceptsClientKey() {
		IngestDecision decision = IngestDecision.decide("client.c-42", new byte[10], null, MAX);
		assertThat(decision.accepted()).isTrue();
		assertThat(decision.routingKey()).isEqualTo(RoutingKey.client("c-42"));
		assertThat(decision.routingKey().deliveryKey()).isEqualTo("client.c-42");
		assertThat(decision.reason()).isNull();
	}

	@Test
	void acceptsTopicKey() {
		IngestDecision decision = IngestDecision.decide("topic.prices.eu", new byte[10], null, MAX);
		assertThat(decision.routingKey().destination()).isEqualTo("/topic/prices.eu");
	}

	@Test
	void anyOtherKeyIsBroadcast() {
		assertThat(IngestDecision.decide("market.data", new byte[10], null, MAX).routingKey())
			.isEqualTo(RoutingKey.broadcast());
		assertThat(IngestDecision.decide("", new byte[10], null, MAX).routingKey()).isEqualTo(RoutingKey.broadcast());
		assertThat(IngestDecision.decide(null, new byte[10], null, MAX).routingKey()).isEqualTo(RoutingKey.broadcast());
	}

	@Test
	void rejectsInvalidClientName() {
		IngestDecision decision = IngestDecision.decide("client.bad key", new byte[10], null, MAX);
		assertThat(decision.accepted()).isFalse();
		assertThat(decision.reason()).isEqualTo(DeadLetterReason.INVALID_ROUTING_KEY);
		assertThat(decision.detail()).contains("client.bad key");
	}

	@Test
	void rejectsEmptyTopicName() {
		assertThat(IngestDecision.decide("topic.", new byte[10], null, MAX).reason())
			.isEqualTo(DeadLetterReason.INVALID_ROUTING_KEY);
	}

	@Test
	void rejectsTextThatIsNotUtf8() {
		byte[] latin1 = { 'c', 'a', 'f', (byte) 0xe9 };
		for (String type : new String[] { "text/plain", "application/json", "application/vnd.x+json; charset=utf-8",
				null, " " }) {
			IngestDecision decision = IngestDecision.decide("client.a", latin1, type, MAX);
			assertThat(decision.reason()).as(type).isEqualTo(DeadLetterReason.BODY_NOT_UTF8);
			assertThat(decision.detail()).contains("UTF-8").contains("application/octet-stream");
		}
		assertThat(IngestDecision.decide("client.a", latin1, "application/octet-stream", MAX).accepted()).isTrue();
		assertThat(IngestDecision.decide("client.a", latin1, "image/png", MAX).accepted()).isTrue();
		byte[] utf8 = "café ✓ 😀".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(IngestDecision.decide("client.a", utf8, "text/plain", MAX).accepted()).isTrue();
		// A truncated multi-byte sequence and an encoded surrogate are not UTF-8 either.
		assertThat(
				IngestDecision.decide("client.a", new byte[] { (byte) 0xe2, (byte) 0x9c }, "text/plain", MAX).reason())
			.isEqualTo(DeadLetterReason.BODY_NOT_UTF8);
		assertThat(IngestDecision.decide("client.a", new byte[] { (byte) 0xed, (byte) 0xa0, (byte) 0x80 }, null, MAX)
			.reason()).isEqualTo(DeadLetterReason.BODY_NOT_UTF8);
	}

	@Test
	void rejectsOversizedBody() {
		assertThat(IngestDecision.decide("client.a", new byte[MAX], null, MAX).accepted()).isTrue();
		IngestDecision decision = IngestDecision.decide("client.a", new byte[MAX + 1], null, MAX);
		assertThat(decision.reason()).isEqualTo(DeadLetterReason.BODY_TOO_LARGE);
		assertThat(decision.detail()).contains("1025");
	}

}
