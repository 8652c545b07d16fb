package dev.warren.socket.session;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

import dev.warren.common.RoutingKey;

/**
 * A STOMP session connected on this node: its client, its token's expiry and its
 * subscriptions. Mutable state is guarded by the instance's monitor.
 */
final class LocalSession {

	final String clientId;

	final Instant expiresAt;

	/** Subscription id to the routing key it depends on. */
	final Map<String, RoutingKey> subscriptions = new HashMap<>(4);

	final SessionEndpoint endpoint;

	boolean closed;

	volatile ScheduledFuture<?> expiry;

	LocalSession(String clientId, Instant expiresAt, SessionEndpoint endpoint) {
		this.clientId = clientId;
		this.expiresAt = expiresAt;
		this.endpoint = endpoint;
	}

}
