package dev.warren.socket.edge;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

import dev.warren.common.RoutingKey;
import dev.warren.socket.delivery.MessageFrameTail;

/**
 * Who on the edge receives what: each topic's subscriptions and each client's
 * private-channel subscriptions, as arrays replaced on every change, so the fan-out,
 * which reads them for every message, iterates plain arrays without locks. Subscribing is
 * rare next to delivering.
 */
final class EdgeAudience {

	private static final Subscriber[] NONE = new Subscriber[0];

	private final ConcurrentHashMap<String, Subscriber[]> topics = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, Subscriber[]> clients = new ConcurrentHashMap<>();

	/**
	 * Adds a subscription.
	 * @param session the subscribing session
	 * @param subscriptionId its id
	 * @param interest what it receives: {@code client.<id>} or {@code topic.<name>}
	 */
	void add(EdgeSession session, String subscriptionId, RoutingKey interest) {
		Subscriber subscriber = new Subscriber(session, subscriptionId);
		mapOf(interest).compute(interest.name(), (name, current) -> insert(current, subscriber));
	}

	/**
	 * A copy of {@code current} with {@code subscriber} after the last one of the same
	 * event loop, so each loop's subscribers stay next to each other and the fan-out
	 * hands each loop one task per message.
	 */
	private static Subscriber[] insert(Subscriber[] current, Subscriber subscriber) {
		if (current == null) {
			return new Subscriber[] { subscriber };
		}
		int at = current.length;
		for (int i = current.length - 1; i >= 0; i--) {
			if (current[i].session.loop() == subscriber.session.loop()) {
				at = i + 1;
				break;
			}
		}
		Subscriber[] grown = new Subscriber[current.length + 1];
		System.arraycopy(current, 0, grown, 0, at);
		grown[at] = subscriber;
		System.arraycopy(current, at, grown, at + 1, current.length - at);
		return grown;
	}

	/**
	 * Removes a subscription.
	 * @param session the session
	 * @param subscriptionId its id
	 * @param interest what it received
	 */
	void remove(EdgeSession session, String subscriptionId, RoutingKey interest) {
		mapOf(interest).computeIfPresent(interest.name(), (name, current) -> {
			int index = -1;
			for (int i = 0; i < current.length; i++) {
				if (current[i].session == session && current[i].subscriptionId.equals(subscriptionId)) {
					index = i;
					break;
				}
			}
			if (index < 0) {
				return current;
			}
			if (current.length == 1) {
				return null;
			}
			Subscriber[] shrunk = new Subscriber[current.length - 1];
			System.arraycopy(current, 0, shrunk, 0, index);
			System.arraycopy(current, index + 1, shrunk, index, current.length - index - 1);
			return shrunk;
		});
	}

	/**
	 * The subscriptions of a topic.
	 * @param name the topic's name
	 * @return the subscribers, possibly empty; never changed afterwards
	 */
	Subscriber[] topic(String name) {
		Subscriber[] subscribers = this.topics.get(name);
		return (subscribers != null) ? subscribers : NONE;
	}

	/**
	 * The private-channel subscriptions of a client's sessions.
	 * @param clientId the client
	 * @return the subscribers, possibly empty; never changed afterwards
	 */
	Subscriber[] client(String clientId) {
		Subscriber[] subscribers = this.clients.get(clientId);
		return (subscribers != null) ? subscribers : NONE;
	}

	/**
	 * The private-channel subscriptions of every client: a broadcast's audience.
	 * @return one array per client
	 */
	Collection<Subscriber[]> allClients() {
		return this.clients.values();
	}

	private ConcurrentHashMap<String, Subscriber[]> mapOf(RoutingKey interest) {
		return switch (interest.kind()) {
			case TOPIC -> this.topics;
			case CLIENT -> this.clients;
			case BROADCAST -> throw new IllegalArgumentException("Nobody subscribes to broadcast itself");
		};
	}

	/**
	 * One subscription: its session and the start of every MESSAGE frame it receives,
	 * encoded once when it subscribes.
	 */
	static final class Subscriber {

		final EdgeSession session;

		final String subscriptionId;

		final byte[] frameStart;

		Subscriber(EdgeSession session, String subscriptionId) {
			this.session = session;
			this.subscriptionId = subscriptionId;
			this.frameStart = ("MESSAGE\nsubscription:" + MessageFrameTail.escape(subscriptionId))
				.getBytes(StandardCharsets.UTF_8);
		}

	}

}
