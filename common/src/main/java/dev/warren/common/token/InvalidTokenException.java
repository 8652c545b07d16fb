package dev.warren.common.token;

/**
 * A token that is missing, forged, malformed or expired.
 */
public class InvalidTokenException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what is wrong, safe to log (never contains the token)
	 * @param cause the underlying failure, if any
	 */
	public InvalidTokenException(String message, Throwable cause) {
		super(message, cause);
	}

}
