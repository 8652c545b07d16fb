package dev.warren.socket.history;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;

import dev.warren.common.WarrenNames;
import dev.warren.socket.drain.DrainStep;
import dev.warren.socket.hub.Hub;
import dev.warren.socket.support.SocketServerIntegrationTest;
import dev.warren.socket.support.StompProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A draining node stops reading the stream and announces where each of its subscriptions
 * resumes; a node that reads the announcement sends a client that comes back without
 * {@code warren-since} what was published while it moved. One node plays both parts here:
 * it drains, then reads on (the end to end test stops a real node).
 */
class DrainResumeIntegrationTests extends SocketServerIntegrationTest {

	@Autowired
	DrainStep resumeAnnouncer;

	@Autowired
	SimpleMessageListenerContainer nodeQueueListenerContainer;

	@Autowired
	Hub hub;

	@Override
	protected boolean onEdge() {
		return true;
	}

	@Test
	void aClientThatComesBackWithoutAPositionGetsWhatWasPublishedWhileItMoved() {
		String alice = newClientId();
		StompProbe first = connected(alice);
		StompProbe.Inbox before = first.subscribe(WarrenNames.PRIVATE_DESTINATION);
		publish("client." + alice, "{\"n\":1}", "d-1");
		await().atMost(timeout()).until(() -> before.frames().size() == 1);

		this.resumeAnnouncer.beforeClosing();
		assertThat(this.nodeQueueListenerContainer.isRunning()).isFalse();
		this.rabbit.invoke((operations) -> {
			publish(operations, "client." + alice, "{\"n\":2}", "d-2");
			publish(operations, "client." + alice, "{\"n\":3}", "d-3");
			return null;
		});
		first.session().disconnect();

		int hints = this.hub.resumeHints().size();
		this.nodeQueueListenerContainer.start();
		await().atMost(timeout()).until(() -> this.hub.resumeHints().size() > hints);
		StompProbe.Inbox after = connected(alice).subscribe(WarrenNames.PRIVATE_DESTINATION);
		await().atMost(timeout()).until(() -> after.frames().size() >= 2);
		assertThat(after.texts()).containsExactly("{\"n\":2}", "{\"n\":3}");
		assertThat(before.texts()).containsExactly("{\"n\":1}");
	}

}
