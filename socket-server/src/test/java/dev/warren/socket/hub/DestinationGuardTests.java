package dev.warren.socket.hub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.warren.common.RoutingKey;

import static org.assertj.core.api.Assertions.assertThat;

class DestinationGuardTests {

	@ParameterizedTest
	@ValueSource(strings = { "/user/queue/data" })
	void privateChannelDependsOnOwnClientKey(String destination) {
		assertThat(DestinationGuard.interest(destination, "c-42")).isEqualTo(RoutingKey.client("c-42"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "prices", "a", "EUR_USD.spot-1", ".." })
	void validTopicDependsOnTopicKey(String name) {
		assertThat(DestinationGuard.interest("/topic/" + name, "c-42")).isEqualTo(RoutingKey.topic(name));
	}

	@Test
	void longestTopicNameIsAllowed() {
		String name = "x".repeat(128);
		assertThat(DestinationGuard.interest("/topic/" + name, "c-42")).isEqualTo(RoutingKey.topic(name));
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "/queue/data", "/queue/data-userabc123", "/queue/anything", "/user/c-43/queue/data",
			"/user/c-42/queue/data", "/user/queue/data/", "/user/queue/data-x", "/user//queue/data", "/user/queue/",
			"/USER/queue/data", "/user/topic/x", "/topic/", "/topic", "/topic/a/b", "/topic/*", "/topic/**",
			"/topic/a*", "/topic/#", "/topic/a b", "/topic/a?", "/topic/{x}", "/topic/é", "/topic//a", "/app/send",
			"/app/topic/x", "topic/x", "/Topic/x", " /topic/x", "/topic/x ", "/topic/x\n", "/queue/data-user",
			"/exchange/warren.deliveries/client.c-43" })
	void otherDestinationsAreRefused(String destination) {
		assertThat(DestinationGuard.interest(destination, "c-42")).isNull();
	}

	@ParameterizedTest
	@ValueSource(ints = { 129, 1000 })
	void overlongTopicIsRefused(int length) {
		assertThat(DestinationGuard.interest("/topic/" + "x".repeat(length), "c-42")).isNull();
	}

}
