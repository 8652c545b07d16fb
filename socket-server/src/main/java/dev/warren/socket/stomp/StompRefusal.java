package dev.warren.socket.stomp;

import java.nio.charset.StandardCharsets;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

import org.springframework.messaging.MessagingException;

/**
 * A client frame refused by policy. Thrown from an inbound interceptor's {@code preSend};
 * Spring then sends an {@code ERROR} frame, rendered by {@link RefusalErrorHandler} with
 * exactly this message, and closes the connection. Refusals after CONNECTED are sent
 * through {@code clientOutboundChannel} instead ({@link #toErrorFrame}), see
 * {@code SubscriptionInterceptor}.
 */
public class StompRefusal extends MessagingException {

	/** {@code message} of the ERROR frame for a missing, forged or expired token. */
	public static final String UNAUTHORIZED = "Unauthorized";

	private final String detail;

	/**
	 * Creates the refusal.
	 * @param message the ERROR frame's {@code message} header
	 * @param detail the ERROR frame's body, for humans; never a secret
	 */
	public StompRefusal(String message, String detail) {
		super(message);
		this.detail = detail;
	}

	/**
	 * A refused or missing token.
	 * @param detail what was wrong with it
	 * @return the refusal
	 */
	public static StompRefusal unauthorized(String detail) {
		return new StompRefusal(UNAUTHORIZED, detail);
	}

	/**
	 * The body of the ERROR frame.
	 * @return the detail
	 */
	public String getDetail() {
		return this.detail;
	}

	/**
	 * The ERROR frame for this refusal: {@code message} exactly as refused, the detail as
	 * a text body, addressed to the client frame's session and echoing its receipt.
	 * @param clientFrame the refused frame's headers, may be {@code null}
	 * @return the frame, ready for {@code clientOutboundChannel}
	 */
	public Message<byte[]> toErrorFrame(StompHeaderAccessor clientFrame) {
		StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
		error.setMessage(getMessage());
		error.setContentType(MimeTypeUtils.TEXT_PLAIN);
		if (clientFrame != null) {
			error.setSessionId(clientFrame.getSessionId());
			if (clientFrame.getReceipt() != null) {
				error.setReceiptId(clientFrame.getReceipt());
			}
		}
		error.setLeaveMutable(true);
		return MessageBuilder.createMessage(this.detail.getBytes(StandardCharsets.UTF_8), error.getMessageHeaders());
	}

}
