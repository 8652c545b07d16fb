package dev.warren.subclient.stomp;

/**
 * The STOMP session could not be set up; the message says why.
 */
public class SubscriberException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what went wrong, ready to show to the user
	 */
	public SubscriberException(String message) {
		super(message);
	}

}
