package dev.warren.socket.stomp;

import java.nio.charset.StandardCharsets;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

import dev.warren.socket.hub.Refusal;

/**
 * A {@link Refusal} as STOMP says it: an {@code ERROR} frame whose {@code message} header
 * is exactly the refusal's message and whose body is its detail, the same on every way in
 * that speaks STOMP.
 */
public final class StompErrors {

	private StompErrors() {
	}

	/**
	 * The ERROR frame for a refusal, addressed to the client frame's session and echoing
	 * its receipt.
	 * @param refusal what was refused
	 * @param clientFrame the refused frame's headers, may be {@code null}
	 * @return the frame, ready for an encoder or {@code clientOutboundChannel}
	 */
	public static Message<byte[]> errorFrame(Refusal refusal, StompHeaderAccessor clientFrame) {
		StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
		error.setMessage(refusal.getMessage());
		error.setContentType(MimeTypeUtils.TEXT_PLAIN);
		if (clientFrame != null) {
			error.setSessionId(clientFrame.getSessionId());
			if (clientFrame.getReceipt() != null) {
				error.setReceiptId(clientFrame.getReceipt());
			}
		}
		error.setLeaveMutable(true);
		return MessageBuilder.createMessage(refusal.detail().getBytes(StandardCharsets.UTF_8),
				error.getMessageHeaders());
	}

	/**
	 * A frame that is not STOMP, or not STOMP this node can take.
	 * @param message the ERROR frame's {@code message}
	 * @param detail its body
	 * @return the refusal
	 */
	public static Refusal invalid(String message, String detail) {
		return new Refusal(Refusal.Reason.INVALID, message, detail);
	}

}
