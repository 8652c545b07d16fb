package dev.warren.publisher.delivery;

/**
 * What to do once the broker has answered for one published message. Exactly one of the
 * two methods is called, once, on a connection thread: it must not block.
 */
public interface Confirmation {

	/**
	 * The broker took responsibility for the message.
	 */
	void confirmed();

	/**
	 * The broker refused the message, or the channel was lost before it answered.
	 * @param cause a short description, safe to log
	 */
	void rejected(String cause);

}
