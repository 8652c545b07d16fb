package dev.warren.socket.servlet;

import java.security.Principal;
import java.time.Instant;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.util.MimeType;

import dev.warren.common.WarrenNames;
import dev.warren.socket.auth.TokenRefresh;
import dev.warren.socket.hub.Refusal;
import dev.warren.socket.hub.SubscriptionRules;
import dev.warren.socket.publish.ClientPublisher;
import dev.warren.socket.stomp.StompErrors;

/**
 * Handles what a connected session of Spring's WebSocket handler asks after CONNECT,
 * through the hub's {@link SubscriptionRules}: SUBSCRIBE authorized and recorded (its
 * topic bound), UNSUBSCRIBE forgotten, ACK, NACK and transactions acknowledged, SEND
 * published ({@link ClientPublisher}). None of these frames reaches Spring's broker,
 * which keeps no subscriptions: who receives a message is the hub's business. Runs after
 * authentication, in {@code preSend}.
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

	private final ClientPublisher publisher;

	private final TokenRefresh refresh;

	private final MessageChannel clientOutboundChannel;

	SubscriptionInterceptor(SubscriptionRules rules, ClientPublisher publisher, TokenRefresh refresh,
			MessageChannel clientOutboundChannel) {
		this.rules = rules;
		this.publisher = publisher;
		this.refresh = refresh;
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
							accessor.getDestination(), accessor.getSubscriptionId(),
							accessor.getFirstNativeHeader(WarrenNames.SINCE_HEADER));
				}
				case UNSUBSCRIBE -> this.rules.unsubscribe(accessor.getSessionId(), accessor.getSubscriptionId());
				case SEND -> {
					send(accessor, message);
					return null;
				}
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

	/**
	 * Publishes to {@code /app/topics/<name>}; the RECEIPT (with the message's
	 * {@code warren-id}) once RabbitMQ confirmed it, an ERROR when it did not.
	 */
	private void send(StompHeaderAccessor frame, Message<?> message) {
		byte[] body = (message.getPayload() instanceof byte[] bytes) ? bytes : new byte[0];
		if (TokenRefresh.DESTINATION.equals(frame.getDestination())) {
			Instant expiresAt = this.refresh.refresh(frame.getSessionId(), TokenRefresh.tokenOf(body));
			receipt(frame, TokenRefresh.EXPIRES_AT_HEADER, Long.toString(expiresAt.toEpochMilli()));
			return;
		}
		String topic = ClientPublisher.topicOf(frame.getDestination());
		MimeType contentType = frame.getContentType();
		this.publisher.publish(frame.getSessionId(), topic, (contentType != null) ? contentType.toString() : null, body)
			.whenComplete((id, failure) -> {
				if (failure != null) {
					this.clientOutboundChannel.send(StompErrors.errorFrame(ClientPublisher.refusalOf(failure), frame));
				}
				else {
					receipt(frame, id);
				}
			});
	}

	private void receipt(StompHeaderAccessor frame) {
		receipt(frame, null, null);
	}

	private void receipt(StompHeaderAccessor frame, String warrenId) {
		receipt(frame, WarrenNames.ID_HEADER, warrenId);
	}

	private void receipt(StompHeaderAccessor frame, String header, String value) {
		String receipt = frame.getReceipt();
		if (receipt == null) {
			return;
		}
		StompHeaderAccessor answer = StompHeaderAccessor.create(StompCommand.RECEIPT);
		answer.setReceiptId(receipt);
		if (value != null) {
			answer.setNativeHeader(header, value);
		}
		answer.setSessionId(frame.getSessionId());
		this.clientOutboundChannel.send(MessageBuilder.createMessage(NO_BODY, answer.getMessageHeaders()));
	}

}
