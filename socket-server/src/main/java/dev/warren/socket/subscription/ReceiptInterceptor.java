package dev.warren.socket.subscription;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.simp.user.UserDestinationMessageHandler;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * Sends the RECEIPT that Spring's simple broker does not: it answers only DISCONNECT.
 * <p>
 * A SUBSCRIBE's receipt goes out after the handler that registers the subscription has
 * handled the frame: {@link UserDestinationMessageHandler} for {@code /user/...} (it
 * registers {@code /queue/data-user<session>} synchronously through the broker channel),
 * {@link SimpleBrokerMessageHandler} for a topic. The binding was made earlier, in
 * {@code preSend}. So once the client holds the receipt, a message published to RabbitMQ
 * reaches it. Other frames with a receipt (UNSUBSCRIBE, ACK, NACK) are answered after the
 * simple broker; exactly one handler matches each frame, so no receipt is sent twice. The
 * receipt travels the session's outbound lane, after anything already queued.
 */
final class ReceiptInterceptor implements ExecutorChannelInterceptor {

	private final String userPrefix;

	private final MessageChannel clientOutboundChannel;

	ReceiptInterceptor(String userPrefix, MessageChannel clientOutboundChannel) {
		this.userPrefix = userPrefix;
		this.clientOutboundChannel = clientOutboundChannel;
	}

	@Override
	public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler, Exception ex) {
		if (ex != null) {
			return;
		}
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (accessor == null || accessor.getCommand() == null) {
			return;
		}
		String receipt = accessor.getReceipt();
		if (receipt == null || !answeredBy(accessor, handler)) {
			return;
		}
		StompHeaderAccessor answer = StompHeaderAccessor.create(StompCommand.RECEIPT);
		answer.setReceiptId(receipt);
		answer.setSessionId(accessor.getSessionId());
		this.clientOutboundChannel.send(MessageBuilder.createMessage(new byte[0], answer.getMessageHeaders()));
	}

	private boolean answeredBy(StompHeaderAccessor accessor, MessageHandler handler) {
		return switch (accessor.getCommand()) {
			case SUBSCRIBE -> {
				String destination = accessor.getDestination();
				yield (destination != null && destination.startsWith(this.userPrefix))
						? handler instanceof UserDestinationMessageHandler
						: handler instanceof SimpleBrokerMessageHandler;
			}
			case UNSUBSCRIBE, ACK, NACK -> handler instanceof SimpleBrokerMessageHandler;
			default -> false;
		};
	}

}
