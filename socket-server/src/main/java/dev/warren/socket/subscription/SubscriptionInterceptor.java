package dev.warren.socket.subscription;

import java.security.Principal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

import dev.warren.common.RoutingKey;
import dev.warren.socket.session.SessionRegistry;
import dev.warren.socket.stomp.StompRefusal;

/**
 * Authorizes SUBSCRIBE through {@link DestinationGuard} and records it, which binds its
 * topic before the frame reaches the broker; forgets UNSUBSCRIBE; refuses SEND, since
 * clients do not publish over STOMP. Runs after authentication, in {@code preSend}.
 * <p>
 * A refusal is not thrown back to Spring: Spring would write its ERROR frame directly on
 * the WebSocket session and close it at once, and when the session's outbound lane is
 * writing at that moment (CONNECTED, a RECEIPT, a MESSAGE) the queued ERROR is dropped by
 * the close. Instead the ERROR goes through {@code clientOutboundChannel}, after
 * everything already queued for the session, and Spring closes the session once it is
 * written; the refused frame itself is dropped.
 */
final class SubscriptionInterceptor implements ChannelInterceptor {

	private static final Logger logger = LoggerFactory.getLogger(SubscriptionInterceptor.class);

	private final SessionRegistry sessions;

	private final MessageChannel clientOutboundChannel;

	SubscriptionInterceptor(SessionRegistry sessions, MessageChannel clientOutboundChannel) {
		this.sessions = sessions;
		this.clientOutboundChannel = clientOutboundChannel;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (accessor == null || accessor.getCommand() == null || accessor.getSessionId() == null) {
			return message;
		}
		try {
			authorize(accessor);
			return message;
		}
		catch (StompRefusal refusal) {
			this.clientOutboundChannel.send(refusal.toErrorFrame(accessor));
			return null;
		}
	}

	private void authorize(StompHeaderAccessor accessor) {
		switch (accessor.getCommand()) {
			case SUBSCRIBE -> subscribe(accessor);
			case UNSUBSCRIBE -> this.sessions.unsubscribe(accessor.getSessionId(), accessor.getSubscriptionId());
			case SEND -> throw new StompRefusal("Sending is not allowed: " + accessor.getDestination(),
					"clients receive only; publish through RabbitMQ");
			default -> {
			}
		}
	}

	private void subscribe(StompHeaderAccessor accessor) {
		String destination = accessor.getDestination();
		Principal user = accessor.getUser();
		RoutingKey interest = (user != null) ? DestinationGuard.interest(destination, user.getName()) : null;
		if (interest == null) {
			throw new StompRefusal("Forbidden destination: " + destination,
					"subscribe to /user/queue/data or /topic/<name>, name of 1-128 characters [A-Za-z0-9_.-]");
		}
		String subscriptionId = accessor.getSubscriptionId();
		if (subscriptionId == null) {
			throw new StompRefusal("Missing subscription id", "SUBSCRIBE needs an id header");
		}
		SessionRegistry.Subscribed outcome;
		try {
			outcome = this.sessions.subscribe(accessor.getSessionId(), subscriptionId, interest);
		}
		catch (AmqpException ex) {
			logger.atWarn()
				.addKeyValue("sessionId", accessor.getSessionId())
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
	}

}
