package dev.warren.socket.delivery;

import dev.warren.common.RoutingKey;

/**
 * Hands a message to the sessions of this node that should see it. Must not block: it
 * runs on the single consumer of the node queue, whose order is the sessions' order.
 */
public interface LocalFanout {

	/**
	 * Delivers {@code delivery} to the audience of {@code target}: one client's private
	 * channel, a topic's subscribers, or every connected client's private channel.
	 * @param target where the message goes
	 * @param delivery the message
	 */
	void deliver(RoutingKey target, Delivery delivery);

}
