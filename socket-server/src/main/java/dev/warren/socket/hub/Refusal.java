package dev.warren.socket.hub;

/**
 * Something a client asked for that the node's rules do not allow, in terms every way in
 * can render: STOMP as an {@code ERROR} frame ({@link #getMessage()} as its
 * {@code message} header, {@link #detail()} as its body), JSON as an {@code error} frame
 * ({@link Reason#code()} and a message).
 */
public class Refusal extends RuntimeException {

	/** {@code message} of a refusal for a missing, forged or expired token. */
	public static final String UNAUTHORIZED = "Unauthorized";

	private final Reason reason;

	private final String detail;

	/**
	 * Creates the refusal.
	 * @param reason why, as a code clients can act on
	 * @param message a short statement, e.g. {@code Unauthorized}
	 * @param detail for humans; never a secret
	 */
	public Refusal(Reason reason, String message, String detail) {
		super(message, null, false, false);
		this.reason = reason;
		this.detail = detail;
	}

	/**
	 * A refused or missing token.
	 * @param detail what was wrong with it
	 * @return the refusal
	 */
	public static Refusal unauthorized(String detail) {
		return new Refusal(Reason.UNAUTHORIZED, UNAUTHORIZED, detail);
	}

	/**
	 * The broker could not make a binding.
	 * @return the refusal
	 */
	public static Refusal unavailable() {
		return new Refusal(Reason.UNAVAILABLE, "Unavailable", "the message broker is unavailable, retry later");
	}

	public Reason reason() {
		return this.reason;
	}

	public String detail() {
		return this.detail;
	}

	/** Why a request was refused. */
	public enum Reason {

		/** No token, a bad one, or one that ran out; the connection is closed. */
		UNAUTHORIZED("unauthorized"),

		/** The rules do not let this client have it. */
		FORBIDDEN("forbidden"),

		/** The request is malformed: a bad name, a missing field. */
		INVALID("invalid"),

		/** The same subscription twice on one connection. */
		DUPLICATE("duplicate"),

		/** The broker is away; retrying later may succeed. */
		UNAVAILABLE("unavailable"),

		/** A limit of what one client or connection may hold on a node. */
		LIMIT("limit_exceeded");

		private final String code;

		Reason(String code) {
			this.code = code;
		}

		/**
		 * The code the JSON protocol sends.
		 * @return the code
		 */
		public String code() {
			return this.code;
		}

	}

}
