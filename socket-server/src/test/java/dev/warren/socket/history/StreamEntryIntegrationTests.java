package dev.warren.socket.history;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.messaging.simp.stomp.StompHeaders;

import dev.warren.common.WarrenNames;
import dev.warren.common.history.StreamEntry;
import dev.warren.socket.support.SocketServerIntegrationTest;
import dev.warren.socket.support.StompProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Entries of the history stream that hold several deliveries, as publisher-service writes
 * them: each delivery reaches only its own audience, each has a position of its own, and
 * a client resumes from the middle of an entry with what follows it there.
 */
class StreamEntryIntegrationTests extends SocketServerIntegrationTest {

	@Test
	void everyDeliveryOfAnEntryReachesItsOwnAudienceWithAPositionOfItsOwn() {
		String alice = newClientId();
		String bob = newClientId();
		StompProbe.Inbox alices = connected(alice).subscribe(WarrenNames.PRIVATE_DESTINATION);
		StompProbe.Inbox bobs = connected(bob).subscribe(WarrenNames.PRIVATE_DESTINATION);
		publishEntry("client." + alice, "{\"n\":1}", "client." + bob, "{\"n\":\"bob's\"}", "client." + alice,
				"{\"n\":2}", "broadcast", "{\"n\":3}");
		await().atMost(timeout()).until(() -> alices.texts().size() >= 3 && bobs.texts().size() >= 2);
		assertThat(alices.texts()).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
		assertThat(bobs.texts()).containsExactly("{\"n\":\"bob's\"}", "{\"n\":3}");
		List<Long> positions = alices.frames().stream().map(StreamEntryIntegrationTests::number).toList();
		assertThat(positions).isSorted().doesNotHaveDuplicates();
		assertThat(StreamEntry.offsetOf(positions.get(0))).isEqualTo(StreamEntry.offsetOf(positions.get(2)));
		assertThat(alices.frames().get(0).header(WarrenNames.ID_HEADER)).startsWith("entry-");
	}

	@Test
	void aClientResumesFromTheMiddleOfAnEntry() {
		String alice = newClientId();
		StompProbe first = connected(alice);
		StompProbe.Inbox before = first.subscribe(WarrenNames.PRIVATE_DESTINATION);
		publishEntry("client." + alice, "{\"n\":1}", "client." + alice, "{\"n\":2}", "client." + alice, "{\"n\":3}");
		await().atMost(timeout()).until(() -> before.frames().size() == 3);
		String second = before.frames().get(1).header(WarrenNames.POSITION_HEADER);
		first.session().disconnect();
		publishEntry("client." + alice, "{\"n\":4}");

		StompHeaders since = new StompHeaders();
		since.add(WarrenNames.SINCE_HEADER, second);
		StompProbe.Inbox after = connected(alice).subscribe(WarrenNames.PRIVATE_DESTINATION, since);
		publish("client." + alice, "{\"n\":5}", "live-" + UUID.randomUUID());
		await().atMost(timeout()).until(() -> after.texts().size() >= 3);
		assertThat(after.texts()).containsExactly("{\"n\":3}", "{\"n\":4}", "{\"n\":5}");
		assertThat(after.frames().get(0).header(WarrenNames.POSITION_HEADER))
			.isEqualTo(before.frames().get(2).header(WarrenNames.POSITION_HEADER));
	}

	/**
	 * Writes one entry straight to the history stream: key, body, key, body…
	 */
	private void publishEntry(String... keysAndBodies) {
		StreamEntry.Writer writer = new StreamEntry.Writer();
		for (int i = 0; i < keysAndBodies.length; i += 2) {
			writer.add(
					keysAndBodies[i], "application/json", Map.of(WarrenNames.ID_HEADER, "entry-" + UUID.randomUUID(),
							WarrenNames.PUBLISHED_AT_HEADER, System.currentTimeMillis()),
					keysAndBodies[i + 1].getBytes(StandardCharsets.UTF_8));
		}
		MessageProperties properties = new MessageProperties();
		properties.setHeader(StreamEntry.COUNT_HEADER, writer.count());
		this.rabbit.send("", this.amqp.historyStream(), new Message(writer.toByteArray(), properties));
	}

	private static long number(StompProbe.Frame frame) {
		String position = frame.header(WarrenNames.POSITION_HEADER);
		return Long.parseLong(position.substring(0, position.indexOf('-')));
	}

}
