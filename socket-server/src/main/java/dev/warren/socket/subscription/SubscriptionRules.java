package dev.warren.socket.subscription;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.stereotype.Component;

import dev.warren.common.RoutingKey;
import dev.warren.socket.session.SessionRegistry;
import dev.warren.socket.stomp.StompRefusal;

/**
 * What a connected client may do after CONNECT, the same for every server that holds
 * connections: subscribe to the destinations {@link DestinationGuard} allows, each
 * recorded in the {@link SessionRegistry} (which binds its topic) before it counts;
 * unsubscribe; never send.
 */
@Component
public final class SubscriptionRules {

	private static final Logger logger = LoggerFactory.getLogger(SubscriptionRules.class);

	private final SessionRegistry sessions;

	public SubscriptionRules(SessionRegistry sessions) {
		this.sessions = sessions;
	}

	/**
	 * Authorizes and records a SUBSCRIBE; returns once its binding exists.
	 * @param sessionId the session
	 * @param clientId the session's client, {@code null} when it has not connected
	 * @param destination the frame's destination
	 * @param subscriptionId the frame's {@code id}
	 * @return the routing key the subscription receives
	 * @throws StompRefusal when the subscription is refused
	 */
	public RoutingKey subscribe(String sessionId, String clientId, String destination, String subscriptionId) {
		RoutingKey interest = (clientId != null) ? DestinationGuard.interest(destination, clientId) : null;
		if (interest == null) {
			throw new StompRefusal("Forbidden destination: " + destination,
					"subscribe to /user/queue/data or /topic/<name>, name of 1-128 characters [A-Za-z0-9_.-]");
		}
		if (subscriptionId == null) {
			throw new StompRefusal("Missing subscription id", "SUBSCRIBE needs an id header");
		}
		SessionRegistry.Subscribed outcome;
		try {
			outcome = this.sessions.subscribe(sessionId, subscriptionId, interest);
		}
		catch (AmqpException ex) {
			logger.atWarn()
				.addKeyValue("sessionId", sessionId)
				.addKeyValue("warren.routing_key", interest.deliveryKey())
				.log("SUBSCRIBE failed, no binding: {}", ex.toString());
			throw new StompRefusal("Unavailable", "the message broker is unavailable, retry later");
		}
		switch (outcome) {
			case SUBSCRIBED -> {
			}
			case DUPLICATE_ID -> throw new StompRefusal("Duplicate subscription id: " + subscriptionId,
					"subscription ids must be unique per connection");
			case EXPIRED -> throw StompRefusal.unauthorized("token expired");
			case NOT_CONNECTED -> throw StompRefusal.unauthorized("not connected");
		}
		return interest;
	}

	/**
	 * Forgets a subscription.
	 * @param sessionId the session
	 * @param subscriptionId the frame's {@code id}
	 */
	public void unsubscribe(String sessionId, String subscriptionId) {
		this.sessions.unsubscribe(sessionId, subscriptionId);
	}

	/**
	 * The refusal of a client's SEND.
	 * @param destination the frame's destination
	 * @return the refusal to send back
	 */
	public static StompRefusal sendRefused(String destination) {
		return new StompRefusal("Sending is not allowed: " + destination,
				"clients receive only; publish through RabbitMQ");
	}

}
