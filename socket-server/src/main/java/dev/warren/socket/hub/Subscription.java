package dev.warren.socket.hub;

import dev.warren.common.RoutingKey;

/**
 * One subscription of a session: what it receives and what its outlet prepared for it.
 *
 * @param session the session
 * @param id the subscription's id on its connection
 * @param interest {@code client.<id>} for the private channel, {@code topic.<name>}
 * @param prefix the outlet's data for it ({@link Outlet#prefix})
 */
public record Subscription(HubSession session, String id, RoutingKey interest, Object prefix) {
}
