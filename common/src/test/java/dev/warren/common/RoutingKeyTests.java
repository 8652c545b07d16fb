package dev.warren.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RoutingKeyTests {

	@Test
	void clientKeyAddressesThePrivateChannel() {
		RoutingKey key = RoutingKey.parse("client.c-42_x.y");
		assertThat(key.kind()).isEqualTo(RoutingKey.Kind.CLIENT);
		assertThat(key.name()).isEqualTo("c-42_x.y");
		assertThat(key.deliveryKey()).isEqualTo("client.c-42_x.y");
		assertThat(key.destination()).isEqualTo("/user/queue/data");
	}

	@Test
	void topicKeyAddressesTheTopicDestination() {
		RoutingKey key = RoutingKey.parse("topic.prices.EUR");
		assertThat(key.kind()).isEqualTo(RoutingKey.Kind.TOPIC);
		assertThat(key.name()).isEqualTo("prices.EUR");
		assertThat(key.deliveryKey()).isEqualTo("topic.prices.EUR");
		assertThat(key.destination()).isEqualTo("/topic/prices.EUR");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "broadcast", "news", "clients.x", "topics.y", "client", "topic", "#" })
	void anyOtherKeyBroadcasts(String raw) {
		RoutingKey key = RoutingKey.parse(raw);
		assertThat(key.kind()).isEqualTo(RoutingKey.Kind.BROADCAST);
		assertThat(key.deliveryKey()).isEqualTo("broadcast");
		assertThat(key.destination()).isEqualTo("/user/queue/data");
	}

	@Test
	void nullKeyBroadcasts() {
		assertThat(RoutingKey.parse(null).kind()).isEqualTo(RoutingKey.Kind.BROADCAST);
	}

	@ParameterizedTest
	@ValueSource(strings = { "client.", "topic.", "client.a b", "topic.a/b", "client.*", "topic.#", "client.é",
			"topic.a*b" })
	void invalidNamesAreRejectedNotBroadcast(String raw) {
		assertThatExceptionOfType(InvalidRoutingKeyException.class).isThrownBy(() -> RoutingKey.parse(raw))
			.withMessageContaining("[A-Za-z0-9_.-]")
			.satisfies((ex) -> assertThat(ex.getRoutingKey()).isEqualTo(raw));
	}

	@Test
	void namesAreLimitedTo128Characters() {
		assertThat(RoutingKey.parse("topic." + "a".repeat(128)).name()).hasSize(128);
		assertThatExceptionOfType(InvalidRoutingKeyException.class)
			.isThrownBy(() -> RoutingKey.parse("topic." + "a".repeat(129)));
	}

	@Test
	void factoriesValidate() {
		assertThat(RoutingKey.client("abc").deliveryKey()).isEqualTo("client.abc");
		assertThat(RoutingKey.topic("t1").destination()).isEqualTo("/topic/t1");
		assertThatExceptionOfType(InvalidRoutingKeyException.class).isThrownBy(() -> RoutingKey.client("a b"));
		assertThatExceptionOfType(InvalidRoutingKeyException.class).isThrownBy(() -> RoutingKey.topic(null));
	}

}
