package dev.warren.socket.stomp;

import org.springframework.messaging.MessagingException;

/**
 * A client frame refused by policy. Thrown from an inbound interceptor's {@code preSend};
 * Spring then sends an {@code ERROR} frame, rendered by {@link RefusalErrorHandler} with
 * exactly this message, and closes the connection.
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

}
