package dev.warren.subclient.http;

/**
 * publisher-service refused a call or could not be reached; the message says which and
 * why.
 */
public class PublisherException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what went wrong, ready to show to the user
	 */
	public PublisherException(String message) {
		super(message);
	}

}
