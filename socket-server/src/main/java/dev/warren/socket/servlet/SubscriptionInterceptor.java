package dev.warren.socket.servlet;

import java.security.Principal;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;

import dev.warren.socket.hub.Refusal;
import dev.warren.socket.hub.SubscriptionRules;
import dev.warren.socket.stomp.StompErrors;

/**
 * Handles what a connected session of Spring's WebSocket handler asks after CONNECT,
 * through the hub's {@link SubscriptionRules}: SUBSCRIBE authorized and recorded (its
 * topic bound), UNSUBSCRIBE forgotten, ACK, NACK and transactions acknowledged, SEND
 * refused. None of these frames reaches Spring's broker, which keeps no subscriptions:
 * who receives a message is the hub's business. Runs after authentication, in
 * {@code preSend}.
 * <p>
 * A RECEIPT, and the ERROR of a refusal, go through {@code clientOutboundChannel}, the
 * session's outbound lane, after everything already queued for the session (CONNECTED,
 * earlier messages); Spring closes the session once an ERROR is written. A refusal thrown
 * back to Spring would be written at once, and a close racing a write in progress drops
 * it.
 */
final class SubscriptionInterceptor implements ChannelInterceptor {

	private static final byte[] NO_BODY = new byte[0];

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
			switch (accessor.getCommand()) {
				case SUBSCRIBE -> {
					Principal user = accessor.getUser();
					this.rules.subscribe(accessor.getSessionId(), (user != null) ? user.getName() : null,
							accessor.getDestination(), accessor.getSubscriptionId());
				}
				case UNSUBSCRIBE -> this.rules.unsubscribe(accessor.getSessionId(), accessor.getSubscriptionId());
				case SEND -> throw SubscriptionRules.sendRefused(accessor.getDestination());
				case ACK, NACK, BEGIN, COMMIT, ABORT -> {
					// Nothing to do for a receive-only client but to answer.
				}
				default -> {
					return message;
				}
			}
			receipt(accessor);
		}
		catch (Refusal refusal) {
			this.clientOutboundChannel.send(StompErrors.errorFrame(refusal, accessor));
		}
		return null;
	}

	private void receipt(StompHeaderAccessor frame) {
		String receipt = frame.getReceipt();
		if (receipt == null) {
			return;
		}
		StompHeaderAccessor answer = StompHeaderAccessor.create(StompCommand.RECEIPT);
		answer.setReceiptId(receipt);
		answer.setSessionId(frame.getSessionId());
		this.clientOutboundChannel.send(MessageBuilder.createMessage(NO_BODY, answer.getMessageHeaders()));
	}

}
