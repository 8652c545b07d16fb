package dev.warren.publisher.ingest;

import org.junit.jupiter.api.Test;

import dev.warren.common.RoutingKey;

import static org.assertj.core.api.Assertions.assertThat;

class IngestDecisionTests {

	private static final int MAX = 1024;

	@Test
	void acceptsClientKey() {
		IngestDecision decision = IngestDecision.decide("client.c-42", 10, MAX);
		assertThat(decision.accepted()).isTrue();
		assertThat(decision.routingKey()).isEqualTo(RoutingKey.client("c-42"));
		assertThat(decision.routingKey().deliveryKey()).isEqualTo("client.c-42");
		assertThat(decision.reason()).isNull();
	}

	@Test
	void acceptsTopicKey() {
		IngestDecision decision = IngestDecision.decide("topic.prices.eu", 10, MAX);
		assertThat(decision.routingKey().destination()).isEqualTo("/topic/prices.eu");
	}

	@Test
	void anyOtherKeyIsBroadcast() {
		assertThat(IngestDecision.decide("market.data", 10, MAX).routingKey()).isEqualTo(RoutingKey.broadcast());
		assertThat(IngestDecision.decide("", 10, MAX).routingKey()).isEqualTo(RoutingKey.broadcast());
		assertThat(IngestDecision.decide(null, 10, MAX).routingKey()).isEqualTo(RoutingKey.broadcast());
	}

	@Test
	void rejectsInvalidClientName() {
		IngestDecision decision = IngestDecision.decide("client.bad key", 10, MAX);
		assertThat(decision.accepted()).isFalse();
		assertThat(decision.reason()).isEqualTo(DeadLetterReason.INVALID_ROUTING_KEY);
		assertThat(decision.detail()).contains("client.bad key");
	}

	@Test
	void rejectsEmptyTopicName() {
		assertThat(IngestDecision.decide("topic.", 10, MAX).reason()).isEqualTo(DeadLetterReason.INVALID_ROUTING_KEY);
	}

	@Test
	void rejectsOversizedBody() {
		assertThat(IngestDecision.decide("client.a", MAX, MAX).accepted()).isTrue();
		IngestDecision decision = IngestDecision.decide("client.a", MAX + 1, MAX);
		assertThat(decision.reason()).isEqualTo(DeadLetterReason.BODY_TOO_LARGE);
		assertThat(decision.detail()).contains("1025");
	}

}
