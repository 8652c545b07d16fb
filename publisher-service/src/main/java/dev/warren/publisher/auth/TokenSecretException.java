package dev.warren.publisher.auth;

/**
 * No usable token secret is configured; start-up stops with this message.
 */
class TokenSecretException extends IllegalStateException {

	TokenSecretException(String message, Throwable cause) {
		super(message, cause);
	}

}
