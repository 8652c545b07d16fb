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

/**
 * A node whose AMQP connection is recreated keeps delivering to its sessions, which stay
 * connected: on the history stream, nothing published meanwhile is missed.
 */
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

		// Closing the connection ends the consumer; where the node reads a queue of its
		// own, it also deletes the queue with all its bindings.
		this.connectionFactory.resetConnection();
		if (!this.nodeQueue.readsStream()) {
			// A new queue: what is published before its bindings are back is lost.
			String exchange = this.amqp.deliveriesExchange();
			String queue = this.nodeQueue.name();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> BrokerProbe.bound(exchange, queue, "client." + clientId)
						&& BrokerProbe.bound(exchange, queue, "topic." + topic)
						&& BrokerProbe.bound(exchange, queue, "broadcast"));
		}
		// On the stream, published while the node may still be away: the consumer
		// resumes after the last offset it read.
		publish("client." + clientId, "private again", "r-1");
		publish("topic." + topic, "topic again", "r-2");
		await().atMost(timeout())
			.until(() -> privateInbox.texts().contains("private again") && topicInbox.texts().contains("topic again"));
		assertThat(probe.isClosed()).isFalse();
	}

}
