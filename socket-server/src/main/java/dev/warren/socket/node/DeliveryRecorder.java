package dev.warren.socket.node;

import dev.warren.common.RoutingKey;

/**
 * Keeps what the node's consumer hands to the hub, for a history held in memory.
 */
@FunctionalInterface
public interface DeliveryRecorder {

	/** Keeps nothing: the history is elsewhere, or there is none. */
	DeliveryRecorder NONE = (offset, target, delivery) -> {
	};

	/**
	 * Keeps a delivery.
	 * @param offset its offset
	 * @param target where it goes
	 * @param delivery the message
	 */
	void record(long offset, RoutingKey target, Delivery delivery);

}
