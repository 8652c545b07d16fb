package dev.warren.socket.hub;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.warren.socket.support.SocketServerIntegrationTest;
import dev.warren.socket.support.StompProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A topic's access rule arriving on the node queue ({@code control.topic-rule}, as
 * publisher-service announces it) takes effect on live STOMP sessions: a subscriber it no
 * longer allows gets one last MESSAGE with {@code warren-control: revoked} and nothing
 * after it, and cannot subscribe again; a member keeps receiving. On the servlet path
 * here, on the edge (and for JSON) in the subclass.
 */
class TopicRuleIntegrationTests extends SocketServerIntegrationTest {

	protected final String topic = "ruled-" + UUID.randomUUID().toString().substring(0, 8);

	private long version;

	@Autowired
	private Hub hub;

	@Test
	void aSubscriberWhoLosesATopicGetsOneRevokedMessageAndNothingAfter() {
		String alice = newClientId();
		String carol = newClientId();
		StompProbe.Inbox member = connected(alice).subscribe("/topic/" + this.topic);
		StompProbe outsider = connected(carol);
		StompProbe.Inbox lost = outsider.subscribe("/topic/" + this.topic);
		publish("topic." + this.topic, "{\"n\":1}", "m-1");
		await().atMost(timeout()).until(() -> member.frames().size() == 1 && lost.frames().size() == 1);

		rule("private", alice, false);
		await().atMost(timeout()).until(() -> lost.frames().size() == 2);
		StompProbe.Frame revoked = lost.frames().get(1);
		assertThat(revoked.header("warren-control")).isEqualTo("revoked");
		assertThat(revoked.header("destination")).isEqualTo("/topic/" + this.topic);

		publish("topic." + this.topic, "{\"n\":2}", "m-2");
		await().atMost(timeout()).until(() -> member.frames().size() == 2);
		assertThat(member.frames()).noneMatch((frame) -> frame.header("warren-control") != null);
		assertThat(lost.frames()).hasSize(2);

		// Refused from now on, with an ERROR that says why.
		outsider.subscribeBlindly("/topic/" + this.topic);
		await().atMost(timeout()).until(() -> !outsider.errors().isEmpty());
		assertThat(outsider.errors().get(0).header("message")).startsWith("Forbidden destination");

		// Public again: anyone may subscribe.
		rule("public", null, false);
		await().atMost(timeout()).until(() -> this.hub.maySubscribe(this.topic, carol));
		StompProbe.Inbox back = connected(carol).subscribe("/topic/" + this.topic);
		publish("topic." + this.topic, "{\"n\":3}", "m-3");
		await().atMost(timeout()).until(() -> back.frames().size() == 1);
	}

	@Test
	void aDeletedTopicRevokesEverySubscriber() {
		StompProbe.Inbox first = connected(newClientId()).subscribe("/topic/" + this.topic);
		StompProbe.Inbox second = connected(newClientId()).subscribe("/topic/" + this.topic);
		rule("public", null, true);
		await().atMost(timeout()).until(() -> first.frames().size() == 1 && second.frames().size() == 1);
		assertThat(first.frames().get(0).header("warren-control")).isEqualTo("revoked");
		assertThat(second.frames().get(0).header("warren-control")).isEqualTo("revoked");
	}

	/** Announces the topic's rule as publisher-service does, each a newer version. */
	protected void rule(String visibility, String member, boolean deleted) {
		String members = (member != null) ? "[\"" + member + "\"]" : "[]";
		publish("control.topic-rule", "{\"topic\":\"" + this.topic + "\",\"visibility\":\"" + visibility
				+ "\",\"members\":" + members + ",\"deleted\":" + deleted + ",\"version\":" + (++this.version) + "}",
				"rule");
	}

}
