package dev.warren.socket.hub;

import org.springframework.stereotype.Component;

import dev.warren.common.ChannelName;
import dev.warren.common.RoutingKey;

/**
 * What a connected client may do after it connected, the same for every way in: subscribe
 * to its own private channel or to a topic with a valid name, each recorded in the
 * {@link Hub} (which binds its topic) before it counts; unsubscribe; never send.
 */
@Component
public final class SubscriptionRules {

	private final Hub hub;

	public SubscriptionRules(Hub hub) {
		this.hub = hub;
	}

	/**
	 * Authorizes and records a STOMP SUBSCRIBE; returns once its binding exists.
	 * @param sessionId the session
	 * @param clientId the session's client, {@code null} when it has not connected
	 * @param destination the frame's destination
	 * @param subscriptionId the frame's {@code id}
	 * @return the subscription
	 * @throws Refusal when the subscription is refused
	 */
	public Subscription subscribe(String sessionId, String clientId, String destination, String subscriptionId) {
		RoutingKey interest = (clientId != null) ? DestinationGuard.interest(destination, clientId) : null;
		if (interest == null) {
			throw new Refusal(Refusal.Reason.FORBIDDEN, "Forbidden destination: " + destination,
					"subscribe to /user/queue/data or /topic/<name>, name of 1-128 characters [A-Za-z0-9_.-]");
		}
		if (subscriptionId == null) {
			throw new Refusal(Refusal.Reason.INVALID, "Missing subscription id", "SUBSCRIBE needs an id header");
		}
		return this.hub.subscribe(sessionId, subscriptionId, interest);
	}

	/**
	 * Authorizes and records a subscription to a topic by name, the subscription's id
	 * being the name; returns once its binding exists.
	 * @param sessionId the session
	 * @param topic the topic's name
	 * @return the subscription
	 * @throws Refusal when the subscription is refused, {@link Refusal.Reason#DUPLICATE}
	 * when the session already has it
	 */
	public Subscription subscribeTopic(String sessionId, String topic) {
		if (topic == null || !ChannelName.isValid(topic)) {
			throw invalidTopic(topic);
		}
		return this.hub.subscribe(sessionId, topic, RoutingKey.topic(topic));
	}

	/**
	 * Subscribes a session to its own private channel, under the given id.
	 * @param session the session
	 * @param subscriptionId the id of the subscription on its connection
	 * @return the subscription
	 */
	public Subscription subscribePrivate(HubSession session, String subscriptionId) {
		return this.hub.subscribe(session.id(), subscriptionId, RoutingKey.client(session.clientId()));
	}

	/**
	 * The refusal of a topic name that is not one.
	 * @param topic the name, may be {@code null}
	 * @return the refusal
	 */
	public static Refusal invalidTopic(String topic) {
		return new Refusal(Refusal.Reason.INVALID, "Invalid topic: " + topic,
				"a topic name has 1-128 characters [A-Za-z0-9_.-]");
	}

	/**
	 * Forgets a subscription.
	 * @param sessionId the session
	 * @param subscriptionId the id of the subscription on its connection
	 * @return whether there was one
	 */
	public boolean unsubscribe(String sessionId, String subscriptionId) {
		return this.hub.unsubscribe(sessionId, subscriptionId);
	}

}
