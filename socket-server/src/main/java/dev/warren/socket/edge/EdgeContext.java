package dev.warren.socket.edge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.warren.socket.auth.ConnectAuthenticator;
import dev.warren.socket.session.SessionOrderedExecutor;
import dev.warren.socket.session.SessionRegistry;
import dev.warren.socket.session.SlowSessionMeters;
import dev.warren.socket.subscription.SubscriptionRules;

/**
 * What every edge session shares: the node's session registry and rules, the edge's
 * audience, inbound executor and codec, the limits, the slow-session meters, and the
 * server that tracks open sessions.
 */
final class EdgeContext {

	private static final Logger logger = LoggerFactory.getLogger(EdgeContext.class);

	private final SessionRegistry registry;

	private final ConnectAuthenticator authenticator;

	private final SubscriptionRules rules;

	private final EdgeAudience audience;

	private final SessionOrderedExecutor inbound;

	private final EdgeStomp stomp;

	private final int messageSizeLimit;

	private final EdgeServer server;

	private final SlowSessionMeters slowMeters;

	EdgeContext(SessionRegistry registry, ConnectAuthenticator authenticator, SubscriptionRules rules,
			EdgeAudience audience, SessionOrderedExecutor inbound, EdgeStomp stomp, int messageSizeLimit,
			EdgeServer server, SlowSessionMeters slowMeters) {
		this.registry = registry;
		this.authenticator = authenticator;
		this.rules = rules;
		this.audience = audience;
		this.inbound = inbound;
		this.stomp = stomp;
		this.messageSizeLimit = messageSizeLimit;
		this.server = server;
		this.slowMeters = slowMeters;
	}

	SessionRegistry registry() {
		return this.registry;
	}

	ConnectAuthenticator authenticator() {
		return this.authenticator;
	}

	SubscriptionRules rules() {
		return this.rules;
	}

	EdgeAudience audience() {
		return this.audience;
	}

	SessionOrderedExecutor inbound() {
		return this.inbound;
	}

	EdgeStomp stomp() {
		return this.stomp;
	}

	int messageSizeLimit() {
		return this.messageSizeLimit;
	}

	void opened(EdgeSession session) {
		this.inbound.open(session.id());
		this.server.opened(session);
	}

	void closed(EdgeSession session) {
		this.inbound.ended(session.id());
		this.server.closed(session);
	}

	/**
	 * A session's unwritten frames passed the byte bound: it is closed at once, and the
	 * frame that did not fit is dropped.
	 */
	void slow(EdgeSession session) {
		this.slowMeters.discarded(1);
		if (!session.isClosing()) {
			this.slowMeters.closed();
			logger.atWarn()
				.addKeyValue("sessionId", session.id())
				.log("Closing slow session: more than warren.socket.max-queued-bytes waiting");
			session.abort();
		}
	}

}
