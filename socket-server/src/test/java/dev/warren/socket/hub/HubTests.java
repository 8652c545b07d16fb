package dev.warren.socket.hub;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.MimeTypeUtils;

import dev.warren.common.RoutingKey;
import dev.warren.socket.node.BindingOperations;
import dev.warren.socket.node.Delivery;
import dev.warren.socket.node.InterestBindings;
import dev.warren.socket.publish.ClientPublisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The hub without a broker: audiences, fan-out to each way in's outlet with fake
 * transports, bindings and the rules.
 */
class HubTests {

	private final Set<String> bound = new HashSet<>();

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	private final Instant now = Instant.parse("2026-12-04T12:00:00Z");

	private final Hub hub;

	private final SubscriptionRules rules;

	private final FakeOutlet stomp = new FakeOutlet("stomp");

	private final FakeOutlet json = new FakeOutlet("json");

	HubTests() {
		this.scheduler.initialize();
		InterestBindings bindings = new InterestBindings(new BindingOperations() {
			@Override
			public void bind(String routingKey) {
				HubTests.this.bound.add(routingKey);
			}

			@Override
			public void unbind(String routingKey) {
				HubTests.this.bound.remove(routingKey);
			}
		});
		this.hub = new Hub(bindings, this.scheduler, Clock.fixed(this.now, ZoneOffset.UTC),
				new DeliveredCounter(new SimpleMeterRegistry()),
				new HubLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, (limit) -> {
				}));
		this.rules = new SubscriptionRules(this.hub);
	}

	@AfterEach
	void stop() {
		this.scheduler.shutdown();
	}

	@Test
	void aTopicMessageIsEncodedOncePerOutletAndHandedOverOncePerGroup() {
		connect("s1", "alice", this.stomp, "loop-1");
		connect("s2", "bob", this.json, "loop-1");
		connect("s3", "carol", this.stomp, "loop-2");
		connect("s4", "dave", this.stomp, "loop-1");
		this.rules.subscribe("s1", "alice", "/topic/prices", "sub-a");
		this.rules.subscribeTopic("s2", "prices");
		this.rules.subscribe("s3", "carol", "/topic/prices", "sub-c");
		this.rules.subscribe("s4", "dave", "/topic/prices", "sub-d");

		this.hub.deliver(RoutingKey.topic("prices"), delivery("{\"p\":1}"));

		assertThat(this.stomp.encoded).containsExactly("topic.prices");
		assertThat(this.json.encoded).containsExactly("topic.prices");
		// The two STOMP sessions on loop-1 are one hand-off although s3 subscribed
		// between them.
		assertThat(this.stomp.batches).containsExactlyInAnyOrder(List.of("s1/sub-a", "s4/sub-d"), List.of("s3/sub-c"));
		assertThat(this.json.batches).containsExactly(List.of("s2/prices"));
	}

	@Test
	void aPrivateMessageReachesOnlyItsClientsSessionsAndBroadcastEveryPrivateChannel() {
		connect("s1", "alice", this.stomp, "loop-1");
		connect("s2", "alice", this.json, "loop-2");
		connect("s3", "bob", this.stomp, "loop-1");
		connect("s4", "carol", this.stomp, "loop-1");
		this.rules.subscribe("s1", "alice", "/user/queue/data", "p");
		this.rules.subscribePrivate(this.hub.session("s2"), "private");
		this.rules.subscribe("s3", "bob", "/user/queue/data", "p");
		// carol has not subscribed to her private channel

		this.hub.deliver(RoutingKey.client("alice"), delivery("for alice"));
		assertThat(this.stomp.written()).containsExactly("s1/p");
		assertThat(this.json.written()).containsExactly("s2/private");

		this.stomp.batches.clear();
		this.json.batches.clear();
		this.hub.deliver(RoutingKey.broadcast(), delivery("for all"));
		assertThat(this.stomp.written()).containsExactlyInAnyOrder("s1/p", "s3/p");
		assertThat(this.json.written()).containsExactly("s2/private");
		assertThat(this.stomp.batches).hasSize(1);
	}

	@Test
	void aTopicRuleRevokesWhomItNoLongerAllowsWithOneLastNoticeAndRefusesThemAfter() {
		connect("s1", "alice", this.stomp, "loop-1");
		connect("s2", "bob", this.json, "loop-1");
		connect("s3", "carol", this.stomp, "loop-2");
		this.rules.subscribe("s1", "alice", "/topic/t", "a");
		this.rules.subscribeTopic("s2", "t");
		this.rules.subscribe("s3", "carol", "/topic/t", "c");

		assertThat(this.hub.apply(new TopicRule("t", true, false, Set.of("alice"), false, 1))).isEqualTo(2);
		assertThat(this.stomp.encoded).containsExactly("topic.t#revoked");
		assertThat(this.json.encoded).containsExactly("topic.t#revoked");
		assertThat(this.stomp.written()).containsExactly("s3/c");
		assertThat(this.json.written()).containsExactly("s2/t");

		this.stomp.batches.clear();
		this.json.batches.clear();
		this.hub.deliver(RoutingKey.topic("t"), delivery("members only"));
		assertThat(this.stomp.written()).containsExactly("s1/a");
		assertThat(this.json.written()).isEmpty();
		assertThat(refusal(() -> this.rules.subscribe("s3", "carol", "/topic/t", "c2")).reason())
			.isEqualTo(Refusal.Reason.FORBIDDEN);
		assertThat(refusal(() -> this.rules.subscribeTopic("s2", "t")).reason()).isEqualTo(Refusal.Reason.FORBIDDEN);

		// Public again: anyone may subscribe; deleted: every subscriber loses it.
		assertThat(this.hub.apply(new TopicRule("t", false, false, Set.of(), false, 2))).isZero();
		this.rules.subscribe("s3", "carol", "/topic/t", "c3");
		assertThat(this.hub.apply(new TopicRule("t", false, false, Set.of(), true, 3))).isEqualTo(2);
		assertThat(this.bound).doesNotContain("topic.t");
		assertThat(this.hub.subscriptions()).isZero();
	}

	@Test
	void anOlderRuleChangesNothingAndAFullSetForgetsWhatItDoesNotHold() {
		connect("s1", "alice", this.stomp, "loop-1");
		this.rules.subscribe("s1", "alice", "/topic/t", "a");
		this.hub.apply(new TopicRule("t", false, true, Set.of(), false, 5));
		assertThat(this.hub.mayPublish("t", "alice")).isTrue();

		// Announced before the newer rule, arriving after it.
		assertThat(this.hub.apply(new TopicRule("t", true, false, Set.of("bob"), false, 4))).isZero();
		assertThat(this.stomp.encoded).isEmpty();
		assertThat(this.hub.mayPublish("t", "alice")).isTrue();

		// A full set read at version 5 without t: t was made public and closed meanwhile.
		this.hub.topicRulesComplete(5, Set.of());
		assertThat(this.hub.mayPublish("t", "alice")).isFalse();
		this.rules.subscribe("s1", "alice", "/topic/t", "a2");
	}

	@Test
	void topicSubscriptionsWaitForTheRulesButThePrivateChannelDoesNot() {
		this.hub.awaitTopicRules();
		connect("s1", "alice", this.stomp, "loop-1");
		this.rules.subscribe("s1", "alice", "/user/queue/data", "p");
		assertThat(refusal(() -> this.rules.subscribe("s1", "alice", "/topic/t", "a")).reason())
			.isEqualTo(Refusal.Reason.UNAVAILABLE);
		assertThat(this.hub.hasTopicRules()).isFalse();

		this.hub.apply(new TopicRule("t", true, true, Set.of("alice"), false, 1));
		this.hub.topicRulesComplete(1, Set.of("t"));
		assertThat(this.hub.hasTopicRules()).isTrue();
		this.rules.subscribe("s1", "alice", "/topic/t", "a");
		assertThat(this.hub.mayPublish("t", "alice")).isTrue();
		assertThat(this.hub.mayPublish("t", "bob")).isFalse();
		assertThat(this.hub.mayPublish("elsewhere", "alice")).isFalse();
	}

	@Test
	void bindingsFollowTheSessionsAndTheirTopics() {
		connect("s1", "alice", this.stomp, "loop-1");
		connect("s2", "bob", this.stomp, "loop-1");
		assertThat(this.bound).containsExactlyInAnyOrder("client.alice", "client.bob");
		this.rules.subscribe("s1", "alice", "/topic/t", "1");
		this.rules.subscribe("s2", "bob", "/topic/t", "1");
		assertThat(this.bound).contains("topic.t");
		assertThat(this.hub.subscriptions()).isEqualTo(2);

		assertThat(this.rules.unsubscribe("s1", "1")).isTrue();
		assertThat(this.bound).contains("topic.t");
		this.hub.disconnect("s2");
		assertThat(this.bound).containsExactly("client.alice");
		assertThat(this.hub.subscriptions()).isZero();
		assertThat(this.hub.size()).isOne();

		this.hub.deliver(RoutingKey.topic("t"), delivery("nobody"));
		assertThat(this.stomp.written()).isEmpty();
	}

	@Test
	void theRulesRefuseWhatAClientMayNotHave() {
		connect("s1", "alice", this.stomp, "loop-1");
		assertThat(refusal(() -> this.rules.subscribe("s1", "alice", "/user/bob/queue/data", "x")).reason())
			.isEqualTo(Refusal.Reason.FORBIDDEN);
		assertThat(refusal(() -> this.rules.subscribe("s1", "alice", "/queue/data-users1", "x")).reason())
			.isEqualTo(Refusal.Reason.FORBIDDEN);
		assertThat(refusal(() -> this.rules.subscribe("s1", "alice", "/topic/t", null)).reason())
			.isEqualTo(Refusal.Reason.INVALID);
		assertThat(refusal(() -> this.rules.subscribeTopic("s1", "a/b")).reason()).isEqualTo(Refusal.Reason.INVALID);
		assertThat(refusal(() -> this.rules.subscribeTopic("s1", "#")).reason()).isEqualTo(Refusal.Reason.INVALID);
		this.rules.subscribeTopic("s1", "ok");
		assertThat(refusal(() -> this.rules.subscribeTopic("s1", "ok")).reason()).isEqualTo(Refusal.Reason.DUPLICATE);
		assertThat(refusal(() -> this.rules.subscribeTopic("nobody", "ok")).reason())
			.isEqualTo(Refusal.Reason.UNAUTHORIZED);
		assertThat(refusal(() -> ClientPublisher.topicOf("/topic/t")).reason()).isEqualTo(Refusal.Reason.FORBIDDEN);
	}

	@Test
	void anExpiredSessionMayNotSubscribe() {
		this.hub.connect("s1", "alice", this.now.minus(1, ChronoUnit.SECONDS), new FakeTransport(), this.stomp, "l");
		Refusal refusal = refusal(() -> this.rules.subscribeTopic("s1", "t"));
		assertThat(refusal.getMessage()).isEqualTo(Refusal.UNAUTHORIZED);
		assertThat(refusal.detail()).isEqualTo("token expired");
	}

	@Test
	void aSessionWhoseConnectionClosedDuringConnectIsForgotten() {
		FakeTransport closed = new FakeTransport();
		closed.open = false;
		this.hub.connect("s1", "alice", this.now.plusSeconds(60), closed, this.stomp, "l");
		assertThat(this.hub.isConnected("s1")).isFalse();
		assertThat(this.bound).isEmpty();
	}

	@Test
	void limitsCountSessionsPerClientAndSubscriptionsPerSessionAndGiveThemBack() {
		List<String> refusedLimits = new ArrayList<>();
		Hub limited = new Hub(new InterestBindings(new BindingOperations() {
			@Override
			public void bind(String routingKey) {
			}

			@Override
			public void unbind(String routingKey) {
			}
		}), this.scheduler, Clock.fixed(this.now, ZoneOffset.UTC), new DeliveredCounter(new SimpleMeterRegistry()),
				new HubLimits(2, 2, refusedLimits::add));
		limited.connect("a1", "alice", this.now.plusSeconds(60), new FakeTransport(), this.stomp, "l");
		limited.connect("a2", "alice", this.now.plusSeconds(60), new FakeTransport(), this.stomp, "l");
		limited.connect("b1", "bob", this.now.plusSeconds(60), new FakeTransport(), this.stomp, "l");
		Refusal third = refusal(
				() -> limited.connect("a3", "alice", this.now.plusSeconds(60), new FakeTransport(), this.stomp, "l"));
		assertThat(third.reason()).isEqualTo(Refusal.Reason.LIMIT);
		assertThat(third.getMessage()).isEqualTo("Too many connections");
		limited.disconnect("a1");
		limited.connect("a3", "alice", this.now.plusSeconds(60), new FakeTransport(), this.stomp, "l");

		limited.subscribe("b1", "1", RoutingKey.topic("one"));
		limited.subscribe("b1", "2", RoutingKey.topic("two"));
		Refusal tooMany = refusal(() -> limited.subscribe("b1", "3", RoutingKey.topic("three")));
		assertThat(tooMany.reason()).isEqualTo(Refusal.Reason.LIMIT);
		limited.unsubscribe("b1", "1");
		limited.subscribe("b1", "3", RoutingKey.topic("three"));
		assertThat(refusedLimits).containsExactly("sessions-per-client", "subscriptions-per-session");
	}

	private void connect(String sessionId, String clientId, Outlet outlet, Object group) {
		this.hub.connect(sessionId, clientId, this.now.plusSeconds(600), new FakeTransport(), outlet, group);
	}

	private static Refusal refusal(Runnable action) {
		return assertThatExceptionOfType(Refusal.class).isThrownBy(action::run).actual();
	}

	private static Delivery delivery(String body) {
		return new Delivery(body.getBytes(StandardCharsets.UTF_8), MimeTypeUtils.APPLICATION_JSON, "id", "1");
	}

	/** Records what the hub hands over instead of writing it. */
	private static final class FakeOutlet implements Outlet {

		private final String name;

		final List<String> encoded = new ArrayList<>();

		final List<List<String>> batches = new ArrayList<>();

		FakeOutlet(String name) {
			this.name = name;
		}

		@Override
		public Object prefix(String subscriptionId) {
			return subscriptionId;
		}

		@Override
		public Object encode(RoutingKey target, Delivery delivery) {
			this.encoded.add(target.deliveryKey() + ((delivery.control() != null) ? "#" + delivery.control() : ""));
			return this.name;
		}

		@Override
		public void send(Object encoded, Subscription[] subscriptions, int from, int to) {
			assertThat(encoded).isEqualTo(this.name);
			List<String> batch = new ArrayList<>();
			for (int i = from; i < to; i++) {
				assertThat(subscriptions[i].session().outlet()).isSameAs(this);
				assertThat(subscriptions[i].session().group()).isEqualTo(subscriptions[from].session().group());
				batch.add(subscriptions[i].session().id() + "/" + subscriptions[i].prefix());
			}
			this.batches.add(batch);
		}

		List<String> written() {
			return this.batches.stream().flatMap(List::stream).toList();
		}

	}

	private static final class FakeTransport implements SessionTransport {

		boolean open = true;

		@Override
		public boolean isOpen() {
			return this.open;
		}

		@Override
		public void tokenExpired() {
		}

	}

}
