package dev.warren.socket.hub;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.MimeTypeUtils;

import dev.warren.common.RoutingKey;
import dev.warren.common.WarrenNames;
import dev.warren.socket.node.Delivery;
import dev.warren.socket.node.InterestBindings;

/**
 * The node's sessions, whichever way in holds them: their clients and subscriptions, the
 * audience of each destination, and the interest bindings that follow from them
 * ({@code client.<id>} per connected session, {@code topic.<name>} per topic
 * subscription, released when they go). Every way in registers here; the node queue's
 * listener hands every message to {@link #deliver}, which finds its audience and hands it
 * to each way in's {@link Outlet}.
 * <p>
 * Each change to a session holds that session's monitor, so a subscribe racing a
 * disconnect cannot leak a binding or an audience entry.
 */
public final class Hub {

	private static final Logger logger = LoggerFactory.getLogger(Hub.class);

	private final ConcurrentHashMap<String, HubSession> sessions = new ConcurrentHashMap<>();

	private final AtomicInteger subscriptionCount = new AtomicInteger();

	private final Audience audience = new Audience();

	private final InterestBindings bindings;

	private final TaskScheduler scheduler;

	private final Clock clock;

	private final DeliveredCounter delivered;

	private final HubLimits limits;

	private final TopicAccess access = new TopicAccess();

	/** What a subscription gets as its last message when its client loses the topic. */
	private static final Delivery REVOKED = new Delivery("{\"control\":\"revoked\"}".getBytes(StandardCharsets.UTF_8),
			MimeTypeUtils.APPLICATION_JSON, null, null, null, "revoked");

	/** What a subscription gets when the messages it missed are no longer kept. */
	private static final Delivery CONTINUITY_LOST = new Delivery(
			"{\"control\":\"continuity-lost\"}".getBytes(StandardCharsets.UTF_8), MimeTypeUtils.APPLICATION_JSON, null,
			null, null, WarrenNames.CONTINUITY_LOST);

	private static final Recovery[] NO_RECOVERIES = new Recovery[0];

	private final History history;

	private final Duration replayTimeout;

	private final Executor replays;

	/** The offset of the last message handed to {@link #deliver}, -1 before the first. */
	private volatile long head = -1;

	/** The position of the last delivery handed on, {@code null} before the first. */
	private volatile String headPosition;

	private final ResumeHints hints = new ResumeHints();

	/** Subscriptions being recovered; replaced under {@link #recoveryLock}. */
	private volatile Recovery[] recoveries = NO_RECOVERIES;

	private final Object recoveryLock = new Object();

	/** Connected sessions per client id, for {@link HubLimits#sessionsPerClient()}. */
	private final ConcurrentHashMap<String, Integer> clientSessions = new ConcurrentHashMap<>();

	public Hub(InterestBindings bindings, TaskScheduler scheduler, Clock clock, DeliveredCounter delivered,
			HubLimits limits) {
		this(bindings, scheduler, clock, delivered, limits, History.NONE, Duration.ZERO, Runnable::run);
	}

	/**
	 * A hub whose subscriptions can recover what they missed.
	 * @param bindings the node queue's interest bindings
	 * @param scheduler runs token expiries
	 * @param clock the clock token expiries are checked with
	 * @param delivered counts frames written
	 * @param limits the abuse limits
	 * @param history the history positions point into
	 * @param replayTimeout how long one recovery may take
	 * @param replays runs the recoveries, a bounded number at once
	 */
	public Hub(InterestBindings bindings, TaskScheduler scheduler, Clock clock, DeliveredCounter delivered,
			HubLimits limits, History history, Duration replayTimeout, Executor replays) {
		this.bindings = bindings;
		this.scheduler = scheduler;
		this.clock = clock;
		this.delivered = delivered;
		this.limits = limits;
		this.history = history;
		this.replayTimeout = replayTimeout;
		this.replays = replays;
	}

	/**
	 * Registers an authenticated session; returns once {@code client.<id>} is bound, so
	 * the answer that follows promises delivery. Schedules the session's expiry.
	 * @param sessionId the session, unique on this node
	 * @param clientId the client its token names
	 * @param expiresAt when its token expires
	 * @param transport the connection
	 * @param outlet how its messages are written
	 * @param group what its outlet writes on, see {@link HubSession#group()}
	 * @return the session
	 * @throws Refusal {@code Unavailable} when the binding failed, {@code Limit} when the
	 * client already has as many sessions on this node as it may
	 * @throws IllegalStateException when the session is already connected
	 */
	public HubSession connect(String sessionId, String clientId, Instant expiresAt, SessionTransport transport,
			Outlet outlet, Object group) {
		admit(clientId);
		String clientKey = RoutingKey.client(clientId).deliveryKey();
		try {
			acquire(clientKey, sessionId);
		}
		catch (RuntimeException ex) {
			leave(clientId);
			throw ex;
		}
		HubSession session = new HubSession(sessionId, clientId, expiresAt, transport, outlet, group);
		if (this.sessions.putIfAbsent(sessionId, session) != null) {
			this.bindings.release(clientKey);
			leave(clientId);
			throw new IllegalStateException("Session " + sessionId + " is already connected");
		}
		session.expiry = this.scheduler.schedule(() -> expire(session, expiresAt), expiresAt);
		if (!transport.isOpen()) {
			// The connection closed while the binding was made: its close found nothing.
			disconnect(sessionId);
		}
		return session;
	}

	/**
	 * Records a subscription and adds it to its destination's audience; for a topic,
	 * returns once {@code topic.<name>} is bound, so what is published after the answer
	 * reaches it.
	 * @param sessionId the session
	 * @param subscriptionId the id of the subscription on its connection
	 * @param interest {@code client.<id>} of the session's own client, or
	 * {@code topic.<name>}
	 * @return the subscription
	 * @throws Refusal when the session is not connected, its token expired, the id is
	 * taken or the binding failed
	 */
	public Subscription subscribe(String sessionId, String subscriptionId, RoutingKey interest) {
		return subscribe(sessionId, subscriptionId, interest, null);
	}

	/**
	 * Records a subscription that first gets what it missed since a position: the
	 * messages kept after it, in order, then live ones, with no gap and no duplicate at
	 * the seam; or, when they are no longer kept (or the position names no message of the
	 * history), one {@code warren-control: continuity-lost} message and then live ones.
	 * @param sessionId the session
	 * @param subscriptionId the id of the subscription on its connection
	 * @param interest {@code client.<id>} of the session's own client, or
	 * {@code topic.<name>}
	 * @param since the last position the client received, {@code null} for live only
	 * @return the subscription
	 * @throws Refusal as {@link #subscribe(String, String, RoutingKey)}
	 */
	public Subscription subscribe(String sessionId, String subscriptionId, RoutingKey interest, Position since) {
		HubSession session = this.sessions.get(sessionId);
		if (session == null) {
			throw Refusal.unauthorized("not connected");
		}
		synchronized (session) {
			requireLive(session);
			if (session.subscriptions.containsKey(subscriptionId)) {
				throw new Refusal(Refusal.Reason.DUPLICATE, "Duplicate subscription id: " + subscriptionId,
						"subscription ids must be unique per connection");
			}
			if (interest.kind() == RoutingKey.Kind.TOPIC && !this.access.complete()) {
				throw new Refusal(Refusal.Reason.UNAVAILABLE, "Unavailable",
						"this node has not received the topic rules from publisher-service yet, retry later");
			}
			if (interest.kind() == RoutingKey.Kind.TOPIC && !this.access.allows(interest.name(), session.clientId())) {
				throw new Refusal(Refusal.Reason.FORBIDDEN, "Forbidden destination: /topic/" + interest.name(),
						"a private topic: its members only");
			}
			if (session.subscriptions.size() >= this.limits.subscriptionsPerSession()) {
				this.limits.refused().accept(HubLimits.SUBSCRIPTIONS_PER_SESSION);
				throw new Refusal(Refusal.Reason.LIMIT, "Too many subscriptions",
						"a connection may hold " + this.limits.subscriptionsPerSession()
								+ " subscriptions (warren.socket.max-subscriptions-per-session)");
			}
			if (interest.kind() == RoutingKey.Kind.TOPIC) {
				acquire(interest.deliveryKey(), sessionId);
			}
			Subscription subscription = new Subscription(session, subscriptionId, interest,
					session.outlet().prefix(subscriptionId));
			session.subscriptions.put(subscriptionId, subscription);
			this.subscriptionCount.incrementAndGet();
			Position from = (since != null) ? since : this.hints.take(session.clientId(), interest.deliveryKey());
			if (from == null) {
				this.audience.add(subscription);
			}
			else {
				recover(new Recovery(subscription, from));
			}
			return subscription;
		}
	}

	/**
	 * Forgets a subscription; unbinds its topic when it was the last one on this node.
	 * @param sessionId the session
	 * @param subscriptionId the id of the subscription on its connection
	 * @return whether there was such a subscription
	 */
	public boolean unsubscribe(String sessionId, String subscriptionId) {
		HubSession session = this.sessions.get(sessionId);
		if (session == null || subscriptionId == null) {
			return false;
		}
		synchronized (session) {
			Subscription subscription = session.subscriptions.remove(subscriptionId);
			if (subscription == null) {
				return false;
			}
			forget(subscription);
			return true;
		}
	}

	/**
	 * Forgets a session and releases everything it held. Called when the client says
	 * goodbye and again when the connection closes; the second call does nothing.
	 * @param sessionId the session
	 */
	public void disconnect(String sessionId) {
		HubSession session = this.sessions.remove(sessionId);
		if (session == null) {
			return;
		}
		ScheduledFuture<?> expiry = session.expiry;
		if (expiry != null) {
			expiry.cancel(false);
		}
		List<Subscription> held;
		synchronized (session) {
			session.closed = true;
			held = new ArrayList<>(session.subscriptions.values());
			session.subscriptions.clear();
			for (Subscription subscription : held) {
				forget(subscription);
			}
		}
		this.bindings.release(RoutingKey.client(session.clientId()).deliveryKey());
		leave(session.clientId());
	}

	/**
	 * Applies a topic's access rule: from now on the rule decides who may subscribe, and
	 * each subscriber it no longer allows gets one last message on that subscription,
	 * {@code warren-control: revoked}, and nothing after it. Runs on the node queue's
	 * consumer, between the deliveries before the change and those after it. A rule older
	 * than the one the node has changes nothing.
	 * @param rule the rule
	 * @return how many subscriptions were revoked
	 */
	public int apply(TopicRule rule) {
		if (!this.access.apply(rule)) {
			return 0;
		}
		RoutingKey topic = RoutingKey.topic(rule.topic());
		Map<Outlet, Object> notices = new HashMap<>();
		int revoked = 0;
		for (Subscription subscription : this.audience.of(topic)) {
			HubSession session = subscription.session();
			if (rule.allows(session.clientId())) {
				continue;
			}
			synchronized (session) {
				if (session.closed || session.subscriptions.get(subscription.id()) != subscription) {
					continue;
				}
				session.subscriptions.remove(subscription.id());
				forget(subscription);
			}
			Object notice = notices.computeIfAbsent(session.outlet(), (outlet) -> outlet.encode(topic, REVOKED));
			session.outlet().send(notice, new Subscription[] { subscription }, 0, 1);
			revoked++;
		}
		return revoked;
	}

	private void revoke(Subscription subscription, RoutingKey topic) {
		HubSession session = subscription.session();
		synchronized (session) {
			if (session.closed || session.subscriptions.get(subscription.id()) != subscription) {
				return;
			}
			session.subscriptions.remove(subscription.id());
			forget(subscription);
		}
		session.outlet().send(session.outlet().encode(topic, REVOKED), new Subscription[] { subscription }, 0, 1);
	}

	/**
	 * Refuses topic subscriptions until {@link #topicRulesComplete} is called: from
	 * start-up until publisher-service has sent every rule, a node could not tell a
	 * private topic from a public one.
	 */
	public void awaitTopicRules() {
		this.access.awaitRules();
	}

	/**
	 * Ends a full set of rules, sent by publisher-service as {@link #apply} calls: rules
	 * not in it, and not newer, are forgotten; topic subscriptions are taken from now on.
	 * @param clock the version the set was read at
	 * @param topics the topics it held
	 */
	public void topicRulesComplete(long clock, Set<String> topics) {
		this.access.complete(clock, topics);
	}

	/**
	 * Whether this node has every topic rule, so it takes topic subscriptions.
	 * @return whether it has
	 */
	public boolean hasTopicRules() {
		return this.access.complete();
	}

	/**
	 * The client of a connected session whose token is still valid.
	 * @param sessionId the session
	 * @return its client id
	 * @throws Refusal {@code Unauthorized} when it is not connected or its token expired
	 */
	public String connectedClient(String sessionId) {
		HubSession session = this.sessions.get(sessionId);
		if (session == null) {
			throw Refusal.unauthorized("not connected");
		}
		requireLive(session);
		return session.clientId();
	}

	/**
	 * Refuses a session that is closed or past its token's expiry.
	 * @throws Refusal {@code Unauthorized} saying which
	 */
	private void requireLive(HubSession session) {
		if (session.closed) {
			throw Refusal.unauthorized("not connected");
		}
		if (!this.clock.instant().isBefore(session.expiresAt())) {
			throw Refusal.unauthorized("token expired");
		}
	}

	/**
	 * Gives a live session the token a client fetched with its refresh token: the session
	 * now expires when that token does, instead of being closed at its first token's
	 * expiry. Only before that expiry: a session already past it is being closed.
	 * @param sessionId the session
	 * @param clientId the client the new token names
	 * @param expiresAt when the new token expires
	 * @return when the session expires now (a token older than the one it holds changes
	 * nothing)
	 * @throws Refusal {@code Unauthorized} when it is not connected or its token expired;
	 * {@code Forbidden} when the token names another client
	 */
	public Instant refresh(String sessionId, String clientId, Instant expiresAt) {
		HubSession session = this.sessions.get(sessionId);
		if (session == null) {
			throw Refusal.unauthorized("not connected");
		}
		synchronized (session) {
			requireLive(session);
			if (!session.clientId().equals(clientId)) {
				throw new Refusal(Refusal.Reason.FORBIDDEN, "Forbidden token",
						"the token is for another client than this session's");
			}
			if (expiresAt.isAfter(session.expiresAt())) {
				session.expiresAt(expiresAt);
				ScheduledFuture<?> previous = session.expiry;
				if (previous != null) {
					previous.cancel(false);
				}
				session.expiry = this.scheduler.schedule(() -> expire(session, expiresAt), expiresAt);
			}
			return session.expiresAt();
		}
	}

	/**
	 * The client of a session.
	 * @param sessionId the session
	 * @return its client id, {@code null} when it is not connected
	 */
	public String clientOf(String sessionId) {
		HubSession session = this.sessions.get(sessionId);
		return (session != null) ? session.clientId() : null;
	}

	/**
	 * Whether a client may subscribe to a topic under the rule this node knows of.
	 * @param topic the topic
	 * @param clientId the client
	 * @return whether it may
	 */
	public boolean maySubscribe(String topic, String clientId) {
		return this.access.allows(topic, clientId);
	}

	/**
	 * Whether a client may publish to a topic: the topic's rule allows client publishing
	 * and the client may subscribe to it.
	 * @param topic the topic
	 * @param clientId the client
	 * @return whether it may
	 */
	public boolean mayPublish(String topic, String clientId) {
		return this.access.complete() && this.access.allowsPublish(topic, clientId);
	}

	private void admit(String clientId) {
		boolean[] admitted = new boolean[1];
		this.clientSessions.compute(clientId, (id, count) -> {
			int current = (count != null) ? count : 0;
			if (current >= this.limits.sessionsPerClient()) {
				return count;
			}
			admitted[0] = true;
			return current + 1;
		});
		if (!admitted[0]) {
			this.limits.refused().accept(HubLimits.SESSIONS_PER_CLIENT);
			throw new Refusal(Refusal.Reason.LIMIT, "Too many connections",
					"this client already has " + this.limits.sessionsPerClient()
							+ " connections on this node (warren.socket.max-sessions-per-client)");
		}
	}

	private void leave(String clientId) {
		this.clientSessions.computeIfPresent(clientId, (id, count) -> (count > 1) ? count - 1 : null);
	}

	private void forget(Subscription subscription) {
		if (this.recoveries.length > 0) {
			synchronized (this.recoveryLock) {
				for (Recovery recovery : this.recoveries) {
					if (recovery.subscription == subscription) {
						recovery.cancelled = true;
						this.recoveries = without(this.recoveries, recovery);
					}
				}
			}
		}
		this.audience.remove(subscription);
		this.subscriptionCount.decrementAndGet();
		if (subscription.interest().kind() == RoutingKey.Kind.TOPIC) {
			this.bindings.release(subscription.interest().deliveryKey());
		}
	}

	/**
	 * Hands a message to its audience on this node: a client's private-channel
	 * subscriptions, a topic's subscriptions, or every private-channel subscription for a
	 * broadcast. Encodes it once per outlet. Runs on the node queue's single consumer,
	 * whose order is every session's order; never blocks.
	 * @param target where the message goes
	 * @param delivery the message
	 */
	public void deliver(RoutingKey target, Delivery delivery) {
		if (delivery.offset() >= 0) {
			this.head = delivery.offset();
			this.headPosition = delivery.position();
		}
		// A volatile read per message; the lock only while a subscription recovers, so
		// that it is either kept for it or handed to the audience it joined, never both.
		if (this.recoveries.length == 0) {
			fanOut(target, delivery);
			return;
		}
		synchronized (this.recoveryLock) {
			for (Recovery recovery : this.recoveries) {
				if (recovery.wants(target, delivery)) {
					recovery.keep(target, delivery);
				}
			}
			fanOut(target, delivery);
		}
	}

	/**
	 * The position of the last delivery this hub handed on: once the node's consumer has
	 * stopped and its sessions' lanes are written, every subscription has received what
	 * it should up to there.
	 * @return the position, {@code null} before the first delivery
	 */
	public String headPosition() {
		return this.headPosition;
	}

	/**
	 * Where subscriptions of drained nodes resume.
	 * @return the hints
	 */
	public ResumeHints resumeHints() {
		return this.hints;
	}

	/**
	 * Every subscription on this node, as its client and key, for the resume hints of a
	 * drain.
	 * @return pairs of client id and delivery key
	 */
	public List<String[]> subscriptionKeys() {
		List<String[]> keys = new ArrayList<>();
		for (HubSession session : this.sessions.values()) {
			synchronized (session) {
				for (Subscription subscription : session.subscriptions.values()) {
					keys.add(new String[] { session.clientId(), subscription.interest().deliveryKey() });
				}
			}
		}
		return keys;
	}

	/**
	 * Takes the position a session's CONNECT gave for its private channel.
	 * @param sessionId the session
	 * @return the position, {@code null} when none was given or it was taken
	 */
	public Position takePrivateSince(String sessionId) {
		HubSession session = this.sessions.get(sessionId);
		if (session == null) {
			return null;
		}
		Position since = session.privateSince;
		session.privateSince = null;
		return since;
	}

	/**
	 * Moves the head past a message of the history that was not a delivery (a control
	 * message), so a recovery waiting for the head to reach a position does not wait for
	 * the next delivery.
	 * @param offset the message's offset
	 */
	public void passed(long offset) {
		this.head = offset;
	}

	private void fanOut(RoutingKey target, Delivery delivery) {
		Subscription[] audience = (target.kind() == RoutingKey.Kind.BROADCAST) ? this.audience.allClients()
				: this.audience.of(target);
		if (delivery.recipient() != null) {
			audience = onlyOf(audience, delivery.recipient());
		}
		int from = 0;
		while (from < audience.length) {
			Outlet outlet = audience[from].session().outlet();
			Object encoded = outlet.encode(target, delivery);
			while (from < audience.length && audience[from].session().outlet() == outlet) {
				Object group = audience[from].session().group();
				int to = from + 1;
				while (to < audience.length && audience[to].session().outlet() == outlet
						&& audience[to].session().group() == group) {
					to++;
				}
				outlet.send(encoded, audience, from, to);
				from = to;
			}
		}
	}

	/**
	 * The subscriptions of one client among a topic's: where a member's copy of an
	 * encrypted topic's message goes. A scan of the topic's audience per copy, which is
	 * what keeps every other message free of the check.
	 */
	private static Subscription[] onlyOf(Subscription[] audience, String clientId) {
		int count = 0;
		for (Subscription subscription : audience) {
			if (clientId.equals(subscription.session().clientId())) {
				count++;
			}
		}
		Subscription[] only = new Subscription[count];
		int at = 0;
		for (Subscription subscription : audience) {
			if (clientId.equals(subscription.session().clientId())) {
				only[at++] = subscription;
			}
		}
		return only;
	}

	private void recover(Recovery recovery) {
		synchronized (this.recoveryLock) {
			Recovery[] grown = Arrays.copyOf(this.recoveries, this.recoveries.length + 1);
			grown[grown.length - 1] = recovery;
			this.recoveries = grown;
		}
		try {
			this.replays.execute(() -> replay(recovery));
		}
		catch (RejectedExecutionException ex) {
			finish(recovery, -1, false);
		}
	}

	/**
	 * Sends a recovering subscription the history from its position through the last
	 * message delivered when it registered, then hands it to the audience.
	 */
	private void replay(Recovery recovery) {
		Position since = recovery.since;
		long deadline = System.nanoTime() + this.replayTimeout.toNanos();
		// The client may come from a node that had read further than this one.
		while (this.head < since.offset() && System.nanoTime() < deadline && !recovery.cancelled) {
			sleep();
		}
		long through = this.head;
		if (!this.history.enabled() || through < since.offset() || recovery.cancelled) {
			finish(recovery, through, false);
			return;
		}
		Subscription subscription = recovery.subscription;
		Outlet outlet = subscription.session().outlet();
		Subscription[] one = { subscription };
		boolean[] found = new boolean[1];
		boolean complete = this.history.read(since.offset(), through,
				Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), (offset, target, delivery) -> {
					if (!found[0]) {
						found[0] = since.names(offset, delivery.id());
						return found[0] && offset < through;
					}
					if (offset > through || recovery.cancelled || recovery.overflowed) {
						return false;
					}
					if (recovery.wants(target, delivery)) {
						outlet.send(outlet.encode(target, delivery), one, 0, 1);
					}
					return offset < through;
				});
		finish(recovery, through, found[0] && complete && !recovery.overflowed);
	}

	/**
	 * Ends a recovery: the gap notice if continuity was lost, the live messages kept
	 * meanwhile that the replay did not cover, then the audience; a topic subscription
	 * revoked meanwhile gets its notice instead.
	 */
	private void finish(Recovery recovery, long through, boolean continuous) {
		Subscription subscription = recovery.subscription;
		Outlet outlet = subscription.session().outlet();
		Subscription[] one = { subscription };
		synchronized (this.recoveryLock) {
			if (recovery.cancelled) {
				return;
			}
			if (!continuous || recovery.overflowed) {
				outlet.send(outlet.encode(subscription.interest(), CONTINUITY_LOST), one, 0, 1);
			}
			if (!recovery.overflowed) {
				for (Recovery.Kept kept : recovery.kept) {
					if (kept.delivery().offset() > through) {
						outlet.send(outlet.encode(kept.target(), kept.delivery()), one, 0, 1);
					}
				}
			}
			this.recoveries = without(this.recoveries, recovery);
			this.audience.add(subscription);
		}
		RoutingKey interest = subscription.interest();
		if (interest.kind() == RoutingKey.Kind.TOPIC
				&& !this.access.allows(interest.name(), subscription.session().clientId())) {
			revoke(subscription, interest);
		}
	}

	private static Recovery[] without(Recovery[] recoveries, Recovery gone) {
		return Arrays.stream(recoveries).filter((recovery) -> recovery != gone).toArray(Recovery[]::new);
	}

	private static void sleep() {
		try {
			Thread.sleep(10);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Counts frames an outlet wrote.
	 * @return the counter
	 */
	public DeliveredCounter delivered() {
		return this.delivered;
	}

	/**
	 * Whether the session connected and has not gone.
	 * @param sessionId the session
	 * @return {@code true} when connected
	 */
	public boolean isConnected(String sessionId) {
		return this.sessions.containsKey(sessionId);
	}

	/**
	 * A connected session.
	 * @param sessionId the session
	 * @return the session, {@code null} when not connected
	 */
	public HubSession session(String sessionId) {
		return this.sessions.get(sessionId);
	}

	/**
	 * Number of subscriptions of the connected sessions, private channels included.
	 * @return the count
	 */
	public int subscriptions() {
		return this.subscriptionCount.get();
	}

	/**
	 * How many subscriptions each topic has on this node, for the node's status.
	 * @return topic name to count, topics without subscribers left out
	 */
	public Map<String, Integer> topicSubscribers() {
		return this.audience.topicCounts();
	}

	/**
	 * Number of connected sessions, every way in together.
	 * @return the count
	 */
	public int size() {
		return this.sessions.size();
	}

	private void acquire(String key, String sessionId) {
		try {
			this.bindings.acquire(key);
		}
		catch (AmqpException ex) {
			logger.atWarn()
				.addKeyValue("sessionId", sessionId)
				.addKeyValue("warren.routing_key", key)
				.log("No binding: {}", ex.toString());
			throw Refusal.unavailable();
		}
	}

	private void expire(HubSession session, Instant expiresAt) {
		if (this.sessions.get(session.id()) != session || !expiresAt.equals(session.expiresAt())) {
			// Gone, or refreshed while this task was already due.
			return;
		}
		logger.atInfo()
			.addKeyValue("sessionId", session.id())
			.addKeyValue("clientId", session.clientId())
			.log("Token expired, closing session");
		session.transport().tokenExpired();
	}

}
