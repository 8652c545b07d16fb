package dev.warren.socket.subscription;

import java.security.Principal;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

import dev.warren.socket.stomp.StompRefusal;

/**
 * Applies {@link SubscriptionRules} to the frames of Spring's WebSocket sessions before
 * they reach the broker: SUBSCRIBE authorized and recorded (its topic bound), UNSUBSCRIBE
 * forgotten, SEND refused. Runs after authentication, in {@code preSend}.
 * <p>
 * A refusal is not thrown back to Spring: Spring would write its ERROR frame directly on
 * the WebSocket session and close it at once, and when the session's outbound lane is
 * writing at that moment (CONNECTED, a RECEIPT, a MESSAGE) the queued ERROR is dropped by
 * the close. Instead the ERROR goes through {@code clientOutboundChannel}, after
 * everything already queued for the session, and Spring closes the session once it is
 * written; the refused frame itself is dropped.
 */
final class SubscriptionInterceptor implements ChannelInterceptor {

	private final SubscriptionRules rules;

	private final MessageChannel clientOutboundChannel;

	SubscriptionInterceptor(SubscriptionRules rules, MessageChannel clientOutboundChannel) {
		this.rules = rules;
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
			case SUBSCRIBE -> {
				Principal user = accessor.getUser();
				this.rules.subscribe(accessor.getSessionId(), (user != null) ? user.getName() : null,
						accessor.getDestination(), accessor.getSubscriptionId());
			}
			case UNSUBSCRIBE -> this.rules.unsubscribe(accessor.getSessionId(), accessor.getSubscriptionId());
			case SEND -> throw SubscriptionRules.sendRefused(accessor.getDestination());
			default -> {
			}
		}
	}

}
