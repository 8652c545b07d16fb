package dev.warren.common;

/**
 * A routing key that names an invalid client id or topic; the message carrying it is
 * dead-lettered with this exception's message as the reason.
 */
public class InvalidRoutingKeyException extends IllegalArgumentException {

	private final String routingKey;

	/**
	 * Creates the exception.
	 * @param routingKey the rejected key
	 * @param reason why it was rejected
	 */
	public InvalidRoutingKeyException(String routingKey, String reason) {
		super(reason);
		this.routingKey = routingKey;
	}

	/**
	 * The rejected key.
	 * @return the key as received
	 */
	public String getRoutingKey() {
		return this.routingKey;
	}

}
