package dev.warren.socket.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.support.MessageBuilder;

import dev.warren.socket.hub.Hub;
import dev.warren.socket.support.SocketServerIntegrationTest;
import dev.warren.socket.support.StompProbe;
import dev.warren.socket.support.StompProbe.Inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeliveryIntegrationTests extends SocketServerIntegrationTest {

	@Autowired
	SimpleBrokerMessageHandler broker;

	@Autowired
	Hub hub;

	@Test
	void theHubNotSpringsBrokerHoldsTheSubscriptions() {
		String topic = "held-" + ThreadLocalRandom.current().nextInt(1_000_000);
		Inbox inbox = connected(newClientId()).subscribe("/topic/" + topic);
		// This topic's count, not the node's: sessions of earlier tests may still be
		// closing.
		assertThat(this.hub.topicSubscribers()).containsEntry(topic, 1);
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setDestination("/topic/" + topic);
		assertThat(this.broker.getSubscriptionRegistry()
			.findSubscriptions(MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders()))).isEmpty();
		publish("topic." + topic, "held", "h-1");
		await().atMost(timeout()).until(() -> inbox.texts().contains("held"));
	}

	@Test
	void directMessageReachesOnlyItsClient() {
		String alice = newClientId();
		String bob = newClientId();
		Inbox aliceInbox = connected(alice).subscribe("/user/queue/data");
		Inbox bobInbox = connected(bob).subscribe("/user/queue/data");

		publish("client." + alice, "{\"for\":\"alice\"}", "id-1");
		await().atMost(timeout()).until(() -> aliceInbox.frames().size() == 1);
		StompProbe.Frame frame = aliceInbox.frames().get(0);
		assertThat(frame.text()).isEqualTo("{\"for\":\"alice\"}");
		assertThat(frame.header("warren-id")).isEqualTo("id-1");
		assertThat(Long.parseLong(frame.header("warren-published-at"))).isPositive();
		assertThat(frame.header("content-type")).isEqualTo("application/json");

		// The node queue has one consumer: once Bob has a later message, anything
		// misrouted to him would have arrived before it.
		publish("client." + bob, "marker", "id-2");
		await().atMost(timeout()).until(() -> bobInbox.frames().size() == 1);
		assertThat(bobInbox.texts()).containsExactly("marker");
		assertThat(aliceInbox.texts()).containsExactly("{\"for\":\"alice\"}");
	}

	@Test
	void directMessageReachesEverySessionOfItsClient() {
		String alice = newClientId();
		Inbox first = connected(alice).subscribe("/user/queue/data");
		Inbox second = connected(alice).subscribe("/user/queue/data");
		publish("client." + alice, "both", "id-3");
		await().atMost(timeout()).until(() -> first.frames().size() == 1 && second.frames().size() == 1);
	}

	@Test
	void topicMessageReachesSubscribersOnly() {
		String topic = "prices-" + ThreadLocalRandom.current().nextInt(1_000_000);
		StompProbe subscriber = connected(newClientId());
		Inbox topicInbox = subscriber.subscribe("/topic/" + topic);
		Inbox subscriberPrivate = subscriber.subscribe("/user/queue/data");
		String bystander = newClientId();
		StompProbe other = connected(bystander);
		Inbox otherPrivate = other.subscribe("/user/queue/data");
		Inbox otherTopic = other.subscribe("/topic/" + topic + "-other");

		publish("topic." + topic, "{\"eur\":1.1}", "id-4");
		await().atMost(timeout()).until(() -> topicInbox.frames().size() == 1);
		assertThat(topicInbox.frames().get(0).header("warren-id")).isEqualTo("id-4");
		assertThat(topicInbox.frames().get(0).header("destination")).isEqualTo("/topic/" + topic);

		publish("client." + bystander, "marker", "id-5");
		await().atMost(timeout()).until(() -> otherPrivate.frames().size() == 1);
		assertThat(otherPrivate.texts()).containsExactly("marker");
		assertThat(otherTopic.frames()).isEmpty();
		assertThat(subscriberPrivate.frames()).isEmpty();
	}

	@Test
	void broadcastReachesEveryPrivateChannel() {
		Inbox first = connected(newClientId()).subscribe("/user/queue/data");
		Inbox second = connected(newClientId()).subscribe("/user/queue/data");
		String id = "b-" + System.nanoTime();
		publish("broadcast", "{\"all\":true}", id);
		await().atMost(timeout())
			.until(() -> first.frames().stream().anyMatch((f) -> id.equals(f.header("warren-id")))
					&& second.frames().stream().anyMatch((f) -> id.equals(f.header("warren-id"))));
		assertThat(first.frames().get(0).header("destination")).isEqualTo("/user/queue/data");
	}

	@Test
	void broadcastReachesEverySessionOnceInOrderWithDirectMessages() {
		String alice = newClientId();
		List<Inbox> inboxes = new ArrayList<>();
		inboxes.add(connected(alice).subscribe("/user/queue/data"));
		inboxes.add(connected(alice).subscribe("/user/queue/data"));
		for (int i = 0; i < 4; i++) {
			inboxes.add(connected(newClientId()).subscribe("/user/queue/data"));
		}
		String id = "bo-" + System.nanoTime();
		// One channel, so RabbitMQ keeps the two in the order they were published.
		this.rabbit.invoke((operations) -> {
			publish(operations, "broadcast", "to-all", id);
			publish(operations, "client." + alice, "after", id + "-direct");
			return null;
		});
		await().atMost(timeout())
			.until(() -> inboxes.stream()
				.allMatch((inbox) -> inbox.frames().stream().anyMatch((f) -> id.equals(f.header("warren-id")))));
		await().atMost(timeout())
			.until(() -> inboxes.get(0).texts().contains("after") && inboxes.get(1).texts().contains("after"));
		for (Inbox inbox : inboxes) {
			assertThat(inbox.frames().stream().filter((f) -> id.equals(f.header("warren-id")))).hasSize(1);
		}
		// Alice's sessions get the broadcast before the direct message published after
		// it; nobody else gets the direct message.
		assertThat(inboxes.get(0).texts()).containsSubsequence("to-all", "after");
		assertThat(inboxes.get(1).texts()).containsSubsequence("to-all", "after");
		for (Inbox other : inboxes.subList(2, inboxes.size())) {
			assertThat(other.texts()).doesNotContain("after");
		}
	}

	@Test
	void messagePublishedRightAfterTopicReceiptArrives() {
		for (int i = 0; i < 20; i++) {
			String topic = "fresh-" + System.nanoTime();
			Inbox inbox = connected(newClientId()).subscribe("/topic/" + topic);
			publish("topic." + topic, "first", "id-" + i);
			await().atMost(timeout()).until(() -> inbox.frames().size() == 1);
		}
	}

	@Test
	void messagePublishedRightAfterPrivateReceiptArrives() {
		for (int i = 0; i < 20; i++) {
			String clientId = newClientId();
			Inbox inbox = connected(clientId).subscribe("/user/queue/data");
			publish("client." + clientId, "first", "id-" + i);
			await().atMost(timeout()).until(() -> inbox.frames().size() == 1);
		}
	}

	@Test
	void thousandsOfDirectMessagesArriveCompleteInOrderExactlyOnce() {
		String clientId = newClientId();
		Inbox inbox = connected(clientId).subscribe("/user/queue/data");
		int count = 2_000;
		// One channel for all: RabbitMQ orders messages per channel only, and the
		// template's cached channels may differ from one send to the next.
		this.rabbit.invoke((operations) -> {
			for (int i = 0; i < count; i++) {
				publish(operations, "client." + clientId, "{\"n\":" + i + "}", "n-" + i);
			}
			return null;
		});
		await().atMost(timeout()).until(() -> inbox.frames().size() >= count);
		publish("client." + clientId, "end", "end");
		await().atMost(timeout()).until(() -> inbox.frames().size() >= count + 1);
		List<String> expected = IntStream.range(0, count).mapToObj((i) -> "{\"n\":" + i + "}").toList();
		assertThat(inbox.texts()).hasSize(count + 1).startsWith(expected.toArray(String[]::new)).endsWith("end");
	}

	@Test
	void bodyBytesAreForwardedUnchanged() {
		String clientId = newClientId();
		Inbox inbox = connected(clientId).subscribe("/user/queue/data");
		byte[] body = new byte[4096];
		ThreadLocalRandom.current().nextBytes(body);
		publish("client." + clientId, body, "application/octet-stream", "bin");
		await().atMost(timeout()).until(() -> inbox.frames().size() == 1);
		assertThat(inbox.frames().get(0).body()).isEqualTo(body);
		assertThat(inbox.frames().get(0).header("content-type")).isEqualTo("application/octet-stream");
	}

	@Test
	void missingContentTypeBecomesTheDefault() {
		String clientId = newClientId();
		Inbox inbox = connected(clientId).subscribe("/user/queue/data");
		publish("client." + clientId, "{}".getBytes(), null, "no-type");
		await().atMost(timeout()).until(() -> inbox.frames().size() == 1);
		assertThat(inbox.frames().get(0).header("content-type")).isEqualTo("application/json");
	}

}
