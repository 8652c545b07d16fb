package dev.warren.socket.delivery;

import dev.warren.common.RoutingKey;

/**
 * Hands each message to two fan-outs, one per server holding sessions, in turn: each
 * keeps the queue's order for its own sessions.
 */
final class FanoutPair implements LocalFanout {

	private final LocalFanout first;

	private final LocalFanout second;

	FanoutPair(LocalFanout first, LocalFanout second) {
		this.first = first;
		this.second = second;
	}

	@Override
	public void deliver(RoutingKey target, Delivery delivery) {
		this.first.deliver(target, delivery);
		this.second.deliver(target, delivery);
	}

}
