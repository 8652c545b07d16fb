package dev.warren.socket.hub;

import java.util.ArrayList;
import java.util.List;

import dev.warren.common.RoutingKey;
import dev.warren.socket.node.Delivery;

/**
 * A subscription being sent what it missed. Until the replay ends it is not in the
 * audience: the live messages meant for it are kept here, and handed to it after the
 * replayed ones, those the replay already covered left out, so the seam has neither a gap
 * nor a duplicate. Everything but {@link #since} is guarded by the hub's recovery lock.
 */
final class Recovery {

	/**
	 * Live messages kept at most; a subscription that falls further behind is told of a
	 * gap.
	 */
	static final int MAX_KEPT = 10_000;

	final Subscription subscription;

	final Position since;

	final List<Kept> kept = new ArrayList<>();

	boolean overflowed;

	boolean cancelled;

	Recovery(Subscription subscription, Position since) {
		this.subscription = subscription;
		this.since = since;
	}

	/**
	 * Whether a message to {@code target} is for this subscription: its topic, or for a
	 * private channel its client and broadcast.
	 */
	boolean wants(RoutingKey target, Delivery delivery) {
		if (!delivery.isFor(this.subscription.session().clientId())) {
			return false;
		}
		RoutingKey interest = this.subscription.interest();
		if (interest.kind() == RoutingKey.Kind.CLIENT) {
			return target.kind() == RoutingKey.Kind.BROADCAST
					|| (target.kind() == RoutingKey.Kind.CLIENT && target.name().equals(interest.name()));
		}
		return target.kind() == interest.kind() && target.name().equals(interest.name());
	}

	void keep(RoutingKey target, Delivery delivery) {
		if (this.kept.size() >= MAX_KEPT) {
			this.overflowed = true;
			this.kept.clear();
			return;
		}
		if (!this.overflowed) {
			this.kept.add(new Kept(target, delivery));
		}
	}

	/** A live message kept while the replay runs. */
	record Kept(RoutingKey target, Delivery delivery) {
	}

}
