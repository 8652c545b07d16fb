package dev.warren.socket.subscription;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.test.context.TestPropertySource;

import dev.warren.socket.node.InterestBindings;
import dev.warren.socket.node.NodeQueue;
import dev.warren.socket.support.BrokerProbe;
import dev.warren.socket.support.SocketServerIntegrationTest;
import dev.warren.socket.support.StompProbe;
import dev.warren.socket.support.StompProbe.Inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

// The bindings these tests look at exist with warren.history.store=none only.
@TestPropertySource(properties = "warren.history.store=none")
class SubscriptionIntegrationTests extends SocketServerIntegrationTest {

	@Autowired
	InterestBindings bindings;

	@Autowired
	NodeQueue nodeQueue;

	@ParameterizedTest
	@ValueSource(strings = { "/queue/data", "/queue/anything", "/user/c-someone-else/queue/data", "/topic/a/b",
			"/topic/*", "/topic/**", "/topic/", "/app/send", "/user/queue/other", "/exchange/x" })
	void foreignDestinationIsRefusedAndClosed(String destination) {
		StompProbe probe = connected(newClientId());
		probe.subscribeBlindly(destination);
		assertRefused(probe, "Forbidden destination: " + destination);
	}

	@Test
	void anotherSessionsPrivateQueueIsRefused() {
		String victim = newClientId();
		Inbox victimInbox = connected(victim).subscribe("/user/queue/data");
		StompProbe attacker = connected(newClientId());
		// Spring names a session's private queue /queue/data-user<sessionId>; the guard
		// refuses the whole /queue space, whatever the session id.
		attacker.subscribeBlindly("/queue/data-user" + "anything");
		assertRefused(attacker, "Forbidden destination: /queue/data-useranything");
		attacker = connected(newClientId());
		attacker.subscribeBlindly("/user/" + victim + "/queue/data");
		assertRefused(attacker, "Forbidden destination: /user/" + victim + "/queue/data");
		publish("client." + victim, "secret", "s-1");
		await().atMost(timeout()).until(() -> victimInbox.frames().size() == 1);
	}

	@Test
	void sendIsRefusedAndClosed() {
		StompProbe probe = connected(newClientId());
		probe.session().send("/topic/news", "hello".getBytes());
		assertRefused(probe, "Sending is not allowed: /topic/news");
	}

	@Test
	void duplicateSubscriptionIdIsRefused() {
		StompProbe probe = connected(newClientId());
		StompHeaders headers = new StompHeaders();
		headers.setDestination("/topic/dup-" + System.nanoTime());
		headers.setId("same");
		probe.session().subscribe(headers, new Inbox());
		headers.setDestination("/user/queue/data");
		probe.session().subscribe(headers, new Inbox());
		assertRefused(probe, "Duplicate subscription id: same");
	}

	@Test
	void topicBindingLivesWhileItHasLocalSubscribers() throws Exception {
		String topic = "bound-" + System.nanoTime();
		String key = "topic." + topic;
		String exchange = this.amqp.deliveriesExchange();
		assertThat(BrokerProbe.bound(exchange, this.nodeQueue.name(), key)).isFalse();

		Inbox first = connected(newClientId()).subscribe("/topic/" + topic);
		Inbox second = connected(newClientId()).subscribe("/topic/" + topic);
		assertThat(this.bindings.holders(key)).isEqualTo(2);
		assertThat(BrokerProbe.bound(exchange, this.nodeQueue.name(), key)).isTrue();

		first.unsubscribe();
		assertThat(this.bindings.holders(key)).isEqualTo(1);
		assertThat(BrokerProbe.bound(exchange, this.nodeQueue.name(), key)).isTrue();

		second.unsubscribe();
		assertThat(this.bindings.holders(key)).isZero();
		assertThat(BrokerProbe.bound(exchange, this.nodeQueue.name(), key)).isFalse();
	}

	@Test
	void bindingsGoWhenTheSessionCloses() throws Exception {
		String clientId = newClientId();
		String topic = "gone-" + System.nanoTime();
		String exchange = this.amqp.deliveriesExchange();
		StompProbe probe = connected(clientId);
		probe.subscribe("/topic/" + topic);
		probe.subscribe("/user/queue/data");
		assertThat(BrokerProbe.bound(exchange, this.nodeQueue.name(), "client." + clientId)).isTrue();
		assertThat(BrokerProbe.bound(exchange, this.nodeQueue.name(), "topic." + topic)).isTrue();

		probe.session().disconnect();
		await().atMost(timeout())
			.until(() -> this.bindings.holders("topic." + topic) == 0
					&& this.bindings.holders("client." + clientId) == 0);
		assertThat(BrokerProbe.bound(exchange, this.nodeQueue.name(), "client." + clientId)).isFalse();
		assertThat(BrokerProbe.bound(exchange, this.nodeQueue.name(), "topic." + topic)).isFalse();
		assertThat(BrokerProbe.bound(exchange, this.nodeQueue.name(), "broadcast")).isTrue();
	}

	private static void assertRefused(StompProbe probe, String message) {
		await().atMost(timeout()).until(probe::isClosed);
		assertThat(probe.errors()).singleElement()
			.satisfies((error) -> assertThat(error.header("message")).isEqualTo(message));
	}

}
