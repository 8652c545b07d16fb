package dev.warren.publisher.client;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

import dev.warren.publisher.node.NodeRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The socket URL a registration or login answer offers, by strategy.
 */
class SocketUrlStrategyTests {

	private final NodeRegistry nodes = new NodeRegistry(JsonMapper.builder().build(), Clock.systemUTC(), List.of());

	@Test
	void fixedOffersTheConfiguredUrlAndLeastLoadedTheQuietestNode() {
		assertThat(service(SocketUrlStrategy.LEAST_LOADED).socketUrl()).as("no node announced yet")
			.isEqualTo("wss://lb/ws");
		this.nodes.onMessage(new Message(
				("{\"node\":\"a\",\"url\":\"wss://a/ws\",\"startedAt\":\"2026-12-05T11:00:00Z\","
						+ "\"connections\":3,\"subscriptions\":3,\"topics\":{}}")
					.getBytes(StandardCharsets.UTF_8),
				new MessageProperties()));
		assertThat(service(SocketUrlStrategy.LEAST_LOADED).socketUrl()).isEqualTo("wss://a/ws");
		assertThat(service(SocketUrlStrategy.FIXED).socketUrl()).isEqualTo("wss://lb/ws");
	}

	private ClientService service(SocketUrlStrategy strategy) {
		return new ClientService(null, null, null,
				new ClientProperties("wss://lb/ws", strategy, 4, Duration.ofDays(30)), this.nodes, null, null,
				Clock.systemUTC());
	}

}
