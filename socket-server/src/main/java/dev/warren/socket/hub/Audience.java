package dev.warren.socket.hub;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.warren.common.RoutingKey;

/**
 * Who on this node receives what: each topic's subscriptions and each client's
 * private-channel subscriptions, as arrays replaced on every change, so delivery, which
 * reads them for every message, iterates plain arrays without locks. Subscribing is rare
 * next to delivering. Each array keeps the subscriptions of one outlet together, and
 * within them those of one group, so a message costs one encoding per outlet and one
 * hand-off per group.
 */
final class Audience {

	private static final Subscription[] NONE = new Subscription[0];

	private final ConcurrentHashMap<String, Subscription[]> topics = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, Subscription[]> clients = new ConcurrentHashMap<>();

	void add(Subscription subscription) {
		mapOf(subscription.interest()).compute(subscription.interest().name(),
				(name, current) -> insert(current, subscription));
	}

	void remove(Subscription subscription) {
		mapOf(subscription.interest()).computeIfPresent(subscription.interest().name(),
				(name, current) -> without(current, subscription));
	}

	/**
	 * How many subscriptions each topic with any has on this node.
	 * @return topic name to count
	 */
	Map<String, Integer> topicCounts() {
		Map<String, Integer> counts = new HashMap<>();
		this.topics.forEach((name, subscriptions) -> {
			if (subscriptions.length > 0) {
				counts.put(name, subscriptions.length);
			}
		});
		return counts;
	}

	/**
	 * The audience of a message.
	 * @param target its routing key: a client or a topic
	 * @return the subscriptions, possibly empty; never changed afterwards
	 */
	Subscription[] of(RoutingKey target) {
		Subscription[] subscriptions = mapOf(target).get(target.name());
		return (subscriptions != null) ? subscriptions : NONE;
	}

	/**
	 * Every private-channel subscription, a broadcast's audience, in the same order as a
	 * single array: by outlet, then by group.
	 * @return the subscriptions
	 */
	Subscription[] allClients() {
		Map<Outlet, Map<Object, List<Subscription>>> byOutlet = new IdentityHashMap<>();
		int count = 0;
		for (Subscription[] subscriptions : this.clients.values()) {
			for (Subscription subscription : subscriptions) {
				HubSession session = subscription.session();
				byOutlet.computeIfAbsent(session.outlet(), (outlet) -> new IdentityHashMap<>())
					.computeIfAbsent(session.group(), (group) -> new ArrayList<>())
					.add(subscription);
				count++;
			}
		}
		Subscription[] all = new Subscription[count];
		int at = 0;
		for (Map<Object, List<Subscription>> groups : byOutlet.values()) {
			for (List<Subscription> group : groups.values()) {
				for (Subscription subscription : group) {
					all[at++] = subscription;
				}
			}
		}
		return all;
	}

	/**
	 * A copy of {@code current} with {@code added} after the last subscription of the
	 * same outlet and group, or else of the same outlet.
	 */
	private static Subscription[] insert(Subscription[] current, Subscription added) {
		if (current == null) {
			return new Subscription[] { added };
		}
		HubSession session = added.session();
		int sameOutlet = -1;
		int sameGroup = -1;
		for (int i = current.length - 1; i >= 0 && sameGroup < 0; i--) {
			HubSession other = current[i].session();
			if (other.outlet() == session.outlet()) {
				if (sameOutlet < 0) {
					sameOutlet = i;
				}
				if (other.group() == session.group()) {
					sameGroup = i;
				}
			}
		}
		int at = (sameGroup >= 0) ? sameGroup + 1 : (sameOutlet >= 0) ? sameOutlet + 1 : current.length;
		Subscription[] grown = new Subscription[current.length + 1];
		System.arraycopy(current, 0, grown, 0, at);
		grown[at] = added;
		System.arraycopy(current, at, grown, at + 1, current.length - at);
		return grown;
	}

	private static Subscription[] without(Subscription[] current, Subscription removed) {
		int index = -1;
		for (int i = 0; i < current.length; i++) {
			if (current[i] == removed) {
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
		Subscription[] shrunk = new Subscription[current.length - 1];
		System.arraycopy(current, 0, shrunk, 0, index);
		System.arraycopy(current, index + 1, shrunk, index, current.length - index - 1);
		return shrunk;
	}

	private ConcurrentHashMap<String, Subscription[]> mapOf(RoutingKey key) {
		return switch (key.kind()) {
			case TOPIC -> this.topics;
			case CLIENT -> this.clients;
			case BROADCAST -> throw new IllegalArgumentException("Nobody subscribes to broadcast itself");
		};
	}

}
