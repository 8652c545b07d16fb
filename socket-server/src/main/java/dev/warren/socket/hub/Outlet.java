package dev.warren.socket.hub;

import dev.warren.common.RoutingKey;
import dev.warren.socket.node.Delivery;

/**
 * How one way in writes deliveries to its sessions; the seam between the hub and the
 * transports. The hub encodes each message once per outlet ({@link #encode}) and hands
 * the result with a run of subscriptions to {@link #send}; what a subscription needs of
 * its own (STOMP's {@code subscription} line) is prepared once, when it subscribes.
 * Called on the node queue's single consumer, in the queue's order: nothing here may
 * block.
 */
public interface Outlet {

	/**
	 * What every message to one subscription carries of its own, prepared once.
	 * @param subscriptionId the subscription's id on its connection
	 * @return the outlet's own data, handed back through {@link Subscription#prefix()}
	 */
	Object prefix(String subscriptionId);

	/**
	 * The message as this way in writes it, shared by all its subscribers.
	 * @param target where the message was addressed: a client, a topic, broadcast
	 * @param delivery the message
	 * @return the encoded message
	 */
	Object encode(RoutingKey target, Delivery delivery);

	/**
	 * Writes an encoded message to {@code subscriptions[from, to)}, sessions of this
	 * outlet that share one {@link HubSession#group()}; returns without waiting for the
	 * writes.
	 * @param encoded what {@link #encode} returned
	 * @param subscriptions the audience; never changed afterwards
	 * @param from first index, inclusive
	 * @param to last index, exclusive
	 */
	void send(Object encoded, Subscription[] subscriptions, int from, int to);

}
