package dev.warren.socket.hub;

import java.util.function.Consumer;

/**
 * What one client may hold on a node: bounds that keep a single client (or a stolen
 * token) from taking a node's memory and bindings.
 *
 * @param sessionsPerClient connections one client may have open on this node at once
 * @param subscriptionsPerSession subscriptions one connection may hold, its private
 * channel included
 * @param refused told the name of each limit that refuses something
 * ({@code sessions-per-client}, {@code subscriptions-per-session}), for the metrics
 */
public record HubLimits(int sessionsPerClient, int subscriptionsPerSession, Consumer<String> refused) {

	/** Limit names, as the metric's tag. */
	static final String SESSIONS_PER_CLIENT = "sessions-per-client";

	static final String SUBSCRIPTIONS_PER_SESSION = "subscriptions-per-session";

}
