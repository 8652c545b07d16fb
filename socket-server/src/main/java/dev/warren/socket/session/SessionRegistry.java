package dev.warren.socket.session;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.TaskScheduler;

import dev.warren.common.RoutingKey;
import dev.warren.socket.binding.InterestBindings;

/**
 * The STOMP sessions connected on this node, their clients and subscriptions, and the
 * interest bindings they hold: {@code client.<id>} per connected session,
 * {@code topic.<name>} per topic subscription, released when they go. Each operation on a
 * session holds that session's monitor, so a subscribe racing a disconnect cannot leak a
 * binding.
 */
public final class SessionRegistry {

	private static final Logger logger = LoggerFactory.getLogger(SessionRegistry.class);

	private final ConcurrentHashMap<String, LocalSession> sessions = new ConcurrentHashMap<>();

	private final AtomicInteger subscriptionCount = new AtomicInteger();

	/** Client id to its number of sessions here; the audience of a broadcast. */
	private final ConcurrentHashMap<String, Integer> clients = new ConcurrentHashMap<>();

	private final InterestBindings bindings;

	private final WebSocketSessions webSockets;

	private final TaskScheduler scheduler;

	private final Clock clock;

	private final ExpiredTokenNotice expiredTokenNotice;

	SessionRegistry(InterestBindings bindings, WebSocketSessions webSockets, TaskScheduler scheduler, Clock clock,
			ExpiredTokenNotice expiredTokenNotice) {
		this.bindings = bindings;
		this.webSockets = webSockets;
		this.scheduler = scheduler;
		this.clock = clock;
		this.expiredTokenNotice = expiredTokenNotice;
	}

	/**
	 * The endpoint of a session of Spring's WebSocket handler.
	 * @param sessionId the session
	 * @return its endpoint, known by the session's id
	 */
	public SessionEndpoint servletEndpoint(String sessionId) {
		return new ServletEndpoint(sessionId);
	}

	/**
	 * Registers an authenticated session whose connection is held by {@code endpoint};
	 * returns once {@code client.<id>} is bound, so the CONNECTED frame that follows
	 * promises delivery. Schedules the session's close at {@code expiresAt}.
	 * @param sessionId the session, unique on this node
	 * @param clientId the client its token names
	 * @param expiresAt when its token expires
	 * @param endpoint the connection
	 * @throws org.springframework.amqp.AmqpException when the binding failed
	 * @throws IllegalStateException when the session is already connected
	 */
	public void connect(String sessionId, String clientId, Instant expiresAt, SessionEndpoint endpoint) {
		String clientKey = RoutingKey.client(clientId).deliveryKey();
		this.bindings.acquire(clientKey);
		LocalSession session = new LocalSession(clientId, expiresAt, endpoint);
		if (this.sessions.putIfAbsent(sessionId, session) != null) {
			this.bindings.release(clientKey);
			throw new IllegalStateException("Session " + sessionId + " is already connected");
		}
		this.clients.merge(clientId, 1, Integer::sum);
		session.expiry = this.scheduler.schedule(() -> expire(sessionId, session), expiresAt);
		if (!endpoint.isOpen()) {
			// The socket closed while the binding was made: its DISCONNECT found nothing.
			disconnect(sessionId);
		}
	}

	/**
	 * Records a subscription; for a topic, returns once {@code topic.<name>} is bound.
	 * @param sessionId the session
	 * @param subscriptionId the client's id for the subscription
	 * @param interest the routing key the subscription depends on
	 * @return the outcome
	 * @throws org.springframework.amqp.AmqpException when the binding failed
	 */
	public Subscribed subscribe(String sessionId, String subscriptionId, RoutingKey interest) {
		LocalSession session = this.sessions.get(sessionId);
		if (session == null) {
			return Subscribed.NOT_CONNECTED;
		}
		synchronized (session) {
			if (session.closed) {
				return Subscribed.NOT_CONNECTED;
			}
			if (!this.clock.instant().isBefore(session.expiresAt)) {
				return Subscribed.EXPIRED;
			}
			if (session.subscriptions.containsKey(subscriptionId)) {
				return Subscribed.DUPLICATE_ID;
			}
			if (interest.kind() == RoutingKey.Kind.TOPIC) {
				this.bindings.acquire(interest.deliveryKey());
			}
			session.subscriptions.put(subscriptionId, interest);
			this.subscriptionCount.incrementAndGet();
		}
		return Subscribed.SUBSCRIBED;
	}

	/**
	 * Forgets a subscription; unbinds its topic when it was the last local one.
	 * @param sessionId the session
	 * @param subscriptionId the client's id for the subscription
	 */
	public void unsubscribe(String sessionId, String subscriptionId) {
		LocalSession session = this.sessions.get(sessionId);
		if (session == null || subscriptionId == null) {
			return;
		}
		synchronized (session) {
			RoutingKey interest = session.subscriptions.remove(subscriptionId);
			if (interest != null) {
				this.subscriptionCount.decrementAndGet();
				if (interest.kind() == RoutingKey.Kind.TOPIC) {
					this.bindings.release(interest.deliveryKey());
				}
			}
		}
	}

	/**
	 * Forgets a session and releases everything it held. Called for the client's
	 * DISCONNECT and again when the socket closes; the second call does nothing.
	 * @param sessionId the session
	 */
	public void disconnect(String sessionId) {
		LocalSession session = this.sessions.remove(sessionId);
		if (session == null) {
			return;
		}
		ScheduledFuture<?> expiry = session.expiry;
		if (expiry != null) {
			expiry.cancel(false);
		}
		List<RoutingKey> held;
		synchronized (session) {
			session.closed = true;
			held = new ArrayList<>(session.subscriptions.values());
			session.subscriptions.clear();
			this.subscriptionCount.addAndGet(-held.size());
		}
		for (RoutingKey interest : held) {
			if (interest.kind() == RoutingKey.Kind.TOPIC) {
				this.bindings.release(interest.deliveryKey());
			}
		}
		this.bindings.release(RoutingKey.client(session.clientId).deliveryKey());
		this.clients.computeIfPresent(session.clientId, (id, count) -> (count > 1) ? count - 1 : null);
	}

	/**
	 * Whether the session passed CONNECT and has not gone.
	 * @param sessionId the session
	 * @return {@code true} when connected
	 */
	public boolean isConnected(String sessionId) {
		return this.sessions.containsKey(sessionId);
	}

	/**
	 * Calls {@code action} with each client connected here.
	 * @param action receives client ids
	 */
	public void forEachClient(Consumer<String> action) {
		for (String clientId : this.clients.keySet()) {
			action.accept(clientId);
		}
	}

	/**
	 * Number of subscriptions of the connected sessions, private channels included.
	 * @return the count
	 */
	public int subscriptions() {
		return this.subscriptionCount.get();
	}

	/**
	 * Number of connected STOMP sessions.
	 * @return the count
	 */
	public int size() {
		return this.sessions.size();
	}

	private void expire(String sessionId, LocalSession session) {
		if (this.sessions.get(sessionId) != session) {
			return;
		}
		logger.atInfo()
			.addKeyValue("sessionId", sessionId)
			.addKeyValue("clientId", session.clientId)
			.log("Token expired, closing session");
		session.endpoint.tokenExpired();
	}

	/** A session of Spring's WebSocket handler, known by its id. */
	private final class ServletEndpoint implements SessionEndpoint {

		private final String sessionId;

		ServletEndpoint(String sessionId) {
			this.sessionId = sessionId;
		}

		@Override
		public boolean isOpen() {
			return SessionRegistry.this.webSockets.isOpen(this.sessionId);
		}

		@Override
		public void tokenExpired() {
			SessionRegistry.this.expiredTokenNotice.send(this.sessionId);
		}

	}

	/** Outcome of {@link #subscribe}. */
	public enum Subscribed {

		/** Recorded, binding in place. */
		SUBSCRIBED,

		/** The session has not connected, or has gone. */
		NOT_CONNECTED,

		/** The session's token has expired. */
		EXPIRED,

		/** The session already has a subscription with this id. */
		DUPLICATE_ID

	}

}
