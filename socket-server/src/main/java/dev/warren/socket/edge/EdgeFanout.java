package dev.warren.socket.edge;

import dev.warren.common.RoutingKey;
import dev.warren.common.WarrenNames;
import dev.warren.socket.delivery.Delivery;
import dev.warren.socket.delivery.LocalFanout;
import dev.warren.socket.delivery.MessageFrameTail;

/**
 * Delivers to the edge's sessions: each message's frame tail is built and encoded to
 * bytes once, and every subscriber's frame is its own {@code subscription} line plus
 * those bytes, written straight to its connection. Netty keeps a connection's writes in
 * the order they are made, and they are made here in the node queue's order.
 */
final class EdgeFanout implements LocalFanout {

	private final EdgeAudience audience;

	private final MessageFrameTail tails = new MessageFrameTail("e");

	EdgeFanout(EdgeAudience audience) {
		this.audience = audience;
	}

	@Override
	public void deliver(RoutingKey target, Delivery delivery) {
		boolean text = MessageFrameTail.isText(delivery.contentType());
		switch (target.kind()) {
			case TOPIC -> {
				EdgeAudience.Subscriber[] subscribers = this.audience.topic(target.name());
				if (subscribers.length > 0) {
					send(subscribers, tail(WarrenNames.TOPIC_DESTINATION_PREFIX + target.name(), delivery), text);
				}
			}
			case CLIENT -> {
				EdgeAudience.Subscriber[] subscribers = this.audience.client(target.name());
				if (subscribers.length > 0) {
					send(subscribers, tail(WarrenNames.PRIVATE_DESTINATION, delivery), text);
				}
			}
			case BROADCAST -> {
				byte[] tail = null;
				for (EdgeAudience.Subscriber[] subscribers : this.audience.allClients()) {
					if (tail == null) {
						tail = tail(WarrenNames.PRIVATE_DESTINATION, delivery);
					}
					send(subscribers, tail, text);
				}
			}
		}
	}

	private byte[] tail(String destination, Delivery delivery) {
		return this.tails.encode(destination, delivery);
	}

	private static void send(EdgeAudience.Subscriber[] subscribers, byte[] tail, boolean text) {
		for (EdgeAudience.Subscriber subscriber : subscribers) {
			subscriber.session.deliver(subscriber.frameStart, tail, text);
		}
	}

}
