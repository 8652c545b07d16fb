package dev.warren.socket.node;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;

import dev.warren.socket.support.BrokerProbe;
import dev.warren.socket.support.SocketServerIntegrationTest;
import dev.warren.socket.support.StompProbe;
import dev.warren.socket.support.StompProbe.Inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReconnectIntegrationTests extends SocketServerIntegrationTest {

	@Autowired
	CachingConnectionFactory connectionFactory;

	@Autowired
	NodeQueue nodeQueue;

	@Test
	void interestsAreRestoredAfterTheConnectionIsRecreated() throws Exception {
		String clientId = newClientId();
		String topic = "after-reconnect-" + System.nanoTime();
		StompProbe probe = connected(clientId);
		Inbox privateInbox = probe.subscribe("/user/queue/data");
		Inbox topicInbox = probe.subscribe("/topic/" + topic);

		// Closing the connection deletes the exclusive node queue with all its bindings.
		this.connectionFactory.resetConnection();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> BrokerProbe.routable(this.amqp.deliveriesExchange(), "client." + clientId)
					&& BrokerProbe.routable(this.amqp.deliveriesExchange(), "topic." + topic)
					&& BrokerProbe.routable(this.amqp.deliveriesExchange(), "broadcast"));

		publish("client." + clientId, "private again", "r-1");
		publish("topic." + topic, "topic again", "r-2");
		await().atMost(timeout())
			.until(() -> privateInbox.texts().contains("private again") && topicInbox.texts().contains("topic again"));
		assertThat(probe.isClosed()).isFalse();
	}

}
