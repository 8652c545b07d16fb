package dev.warren.socket.history;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.simp.stomp.StompHeaders;

import dev.warren.common.WarrenNames;
import dev.warren.socket.support.SocketServerIntegrationTest;
import dev.warren.socket.support.StompProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that comes back with the last {@code warren-position} it received gets what it
 * missed, in order, then live messages, with nothing twice; one whose position the
 * history no longer holds is told {@code continuity-lost}. On the servlet container's
 * {@code /ws}; the edge runs the same tests.
 */
class RecoveryIntegrationTests extends SocketServerIntegrationTest {

	@Test
	void thePrivateChannelResumesFromItsLastPosition() {
		String alice = newClientId();
		String bob = newClientId();
		StompProbe first = connected(alice);
		StompProbe.Inbox before = first.subscribe(WarrenNames.PRIVATE_DESTINATION);
		inOrder("client." + alice, "{\"n\":1}", "client." + alice, "{\"n\":2}");
		await().atMost(timeout()).until(() -> before.frames().size() == 2);
		String position = before.frames().get(1).header(WarrenNames.POSITION_HEADER);
		assertThat(before.frames().get(0).header(WarrenNames.POSITION_HEADER)).isNotNull().isNotEqualTo(position);
		first.session().disconnect();

		// While alice is away: hers, someone else's, everyone's.
		inOrder("client." + alice, "{\"n\":3}", "client." + bob, "{\"n\":\"bob's\"}", "broadcast", "{\"n\":4}",
				"client." + alice, "{\"n\":5}");

		StompProbe.Inbox after = connected(alice).subscribe(WarrenNames.PRIVATE_DESTINATION, since(position));
		publish("client." + alice, "{\"n\":6}", id());
		await().atMost(timeout()).until(() -> after.texts().size() >= 4);
		assertThat(after.texts()).containsExactly("{\"n\":3}", "{\"n\":4}", "{\"n\":5}", "{\"n\":6}");
		assertIncreasing(after.frames());
	}

	@Test
	void aPositionOnConnectResumesThePrivateChannel() {
		String alice = newClientId();
		StompProbe first = connected(alice);
		StompProbe.Inbox before = first.subscribe(WarrenNames.PRIVATE_DESTINATION);
		publish("client." + alice, "{\"n\":1}", id());
		await().atMost(timeout()).until(() -> before.frames().size() == 1);
		String position = before.frames().get(0).header(WarrenNames.POSITION_HEADER);
		first.session().disconnect();
		publish("client." + alice, "{\"n\":2}", id());

		StompHeaders connect = bearer(token(alice));
		connect.add(WarrenNames.SINCE_HEADER, position);
		StompProbe.Inbox after = connect(connect).subscribe(WarrenNames.PRIVATE_DESTINATION);
		publish("client." + alice, "{\"n\":3}", id());
		await().atMost(timeout()).until(() -> after.texts().size() >= 2);
		assertThat(after.texts()).containsExactly("{\"n\":2}", "{\"n\":3}");
	}

	@Test
	void aTopicSubscriptionResumesAndTheSeamHasNoGapNorDuplicate() throws Exception {
		String topic = "resume-" + UUID.randomUUID().toString().substring(0, 8);
		StompProbe watcher = connected(newClientId());
		StompProbe.Inbox before = watcher.subscribe("/topic/" + topic);
		publish("topic." + topic, "0", id());
		await().atMost(timeout()).until(() -> before.frames().size() == 1);
		String position = before.frames().get(0).header(WarrenNames.POSITION_HEADER);
		before.unsubscribe();

		// Published before, during and after the resumed subscription's replay.
		// One channel, so the broker keeps the order.
		Thread producer = new Thread(() -> this.rabbit.invoke((operations) -> {
			for (int n = 1; n <= 400; n++) {
				publish(operations, "topic." + topic, Integer.toString(n), id());
			}
			return null;
		}));
		producer.start();
		StompProbe.Inbox after = connected(newClientId()).subscribe("/topic/" + topic, since(position));
		producer.join();
		try {
			await().atMost(timeout()).until(() -> after.texts().size() >= 400);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("received " + after.texts().size() + ": " + after.texts(), ex);
		}
		assertThat(after.texts())
			.containsExactlyElementsOf(IntStream.rangeClosed(1, 400).mapToObj(Integer::toString).toList());
		assertIncreasing(after.frames());
	}

	@Test
	void aPositionTheHistoryDoesNotHoldIsToldContinuityLostThenLive() {
		String alice = newClientId();
		StompProbe.Inbox inbox = connected(alice).subscribe(WarrenNames.PRIVATE_DESTINATION, since("0-nosuchid"));
		await().atMost(timeout()).until(() -> inbox.frames().size() == 1);
		assertThat(inbox.frames().get(0).header(WarrenNames.CONTROL_HEADER)).isEqualTo(WarrenNames.CONTINUITY_LOST);
		publish("client." + alice, "{\"live\":true}", id());
		await().atMost(timeout()).until(() -> inbox.frames().size() == 2);
		assertThat(inbox.texts().get(1)).isEqualTo("{\"live\":true}");
	}

	@Test
	void aPositionThatIsNoneIsRefusedWithAnError() {
		StompProbe probe = connected(newClientId());
		StompHeaders headers = new StompHeaders();
		headers.setDestination(WarrenNames.PRIVATE_DESTINATION);
		headers.add(WarrenNames.SINCE_HEADER, "yesterday");
		probe.session().subscribe(headers, new StompProbe.Inbox());
		await().atMost(timeout()).until(() -> !probe.errors().isEmpty());
		assertThat(probe.errors().get(0).header("message")).isEqualTo("Invalid warren-since: yesterday");
	}

	/**
	 * Publishes key, body, key, body… on one channel, so the broker keeps their order.
	 */
	private void inOrder(String... keysAndBodies) {
		this.rabbit.invoke((operations) -> {
			for (int i = 0; i < keysAndBodies.length; i += 2) {
				publish(operations, keysAndBodies[i], keysAndBodies[i + 1], id());
			}
			return null;
		});
	}

	private static StompHeaders since(String position) {
		StompHeaders headers = new StompHeaders();
		headers.add(WarrenNames.SINCE_HEADER, position);
		return headers;
	}

	private static String id() {
		return "rec-" + UUID.randomUUID();
	}

	private static void assertIncreasing(List<StompProbe.Frame> frames) {
		long previous = -1;
		for (StompProbe.Frame frame : frames) {
			String position = frame.header(WarrenNames.POSITION_HEADER);
			long offset = Long.parseLong(position.substring(0, position.indexOf('-')));
			assertThat(offset).isGreaterThan(previous);
			previous = offset;
		}
	}

}
