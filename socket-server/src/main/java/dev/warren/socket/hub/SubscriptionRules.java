package dev.warren.socket.hub;

import org.springframework.stereotype.Component;

import dev.warren.common.ChannelName;
import dev.warren.common.RoutingKey;
import dev.warren.common.WarrenNames;

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
		return subscribe(sessionId, clientId, destination, subscriptionId, null);
	}

	/**
	 * Authorizes and records a STOMP SUBSCRIBE that may resume from a position
	 * ({@code warren-since}); a private-channel subscription without one resumes from the
	 * position its session's CONNECT gave, if any.
	 * @param sessionId the session
	 * @param clientId the session's client, {@code null} when it has not connected
	 * @param destination the frame's destination
	 * @param subscriptionId the frame's {@code id}
	 * @param since the frame's {@code warren-since}, may be {@code null}
	 * @return the subscription
	 * @throws Refusal when the subscription is refused or the position is not one
	 */
	public Subscription subscribe(String sessionId, String clientId, String destination, String subscriptionId,
			String since) {
		RoutingKey interest = (clientId != null) ? DestinationGuard.interest(destination, clientId) : null;
		if (interest == null) {
			throw new Refusal(Refusal.Reason.FORBIDDEN, "Forbidden destination: " + destination,
					"subscribe to /user/queue/data or /topic/<name>, name of 1-128 characters [A-Za-z0-9_.-]");
		}
		if (subscriptionId == null) {
			throw new Refusal(Refusal.Reason.INVALID, "Missing subscription id", "SUBSCRIBE needs an id header");
		}
		Position from = position(since);
		if (from == null && interest.kind() == RoutingKey.Kind.CLIENT) {
			from = this.hub.takePrivateSince(sessionId);
		}
		return this.hub.subscribe(sessionId, subscriptionId, interest, from);
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
		return subscribeTopic(sessionId, topic, null);
	}

	/**
	 * As {@link #subscribeTopic(String, String)}, resuming from a position.
	 * @param sessionId the session
	 * @param topic the topic's name
	 * @param since the last position the client received, may be {@code null}
	 * @return the subscription
	 * @throws Refusal when the subscription is refused or the position is not one
	 */
	public Subscription subscribeTopic(String sessionId, String topic, String since) {
		if (topic == null || !ChannelName.isValid(topic)) {
			throw invalidTopic(topic);
		}
		Position from = position(since);
		return this.hub.subscribe(sessionId, topic, RoutingKey.topic(topic), from);
	}

	/**
	 * Subscribes a session to its own private channel, under the given id.
	 * @param session the session
	 * @param subscriptionId the id of the subscription on its connection
	 * @return the subscription
	 */
	public Subscription subscribePrivate(HubSession session, String subscriptionId) {
		return subscribePrivate(session, subscriptionId, null);
	}

	/**
	 * As {@link #subscribePrivate(HubSession, String)}, resuming from a position.
	 * @param session the session
	 * @param subscriptionId the id of the subscription on its connection
	 * @param since the last position the client received, may be {@code null}
	 * @return the subscription
	 * @throws Refusal when the position is not one
	 */
	public Subscription subscribePrivate(HubSession session, String subscriptionId, String since) {
		return this.hub.subscribe(session.id(), subscriptionId, RoutingKey.client(session.clientId()), position(since));
	}

	/**
	 * Keeps the position a CONNECT gave for the session's private-channel subscription.
	 * @param session the session
	 * @param since the position, may be {@code null}
	 */
	public static void resumePrivateFrom(HubSession session, Position since) {
		session.privateSince = since;
	}

	/**
	 * The position a client sent back.
	 * @param since a {@code warren-since} header or {@code since} field, may be
	 * {@code null}
	 * @return the position, {@code null} for none
	 * @throws Refusal when the text is not a position
	 */
	public static Position position(String since) {
		if (since == null) {
			return null;
		}
		Position position = Position.parse(since);
		if (position == null) {
			throw new Refusal(Refusal.Reason.INVALID, "Invalid " + WarrenNames.SINCE_HEADER + ": " + abbreviated(since),
					"send back a warren-position exactly as it was received");
		}
		return position;
	}

	private static String abbreviated(String text) {
		return (text.length() > 40) ? text.substring(0, 40) + "…" : text;
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
