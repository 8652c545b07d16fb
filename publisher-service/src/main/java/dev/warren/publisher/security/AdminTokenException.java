package dev.warren.publisher.security;

/**
 * No usable admin token: publisher-service does not start.
 */
class AdminTokenException extends IllegalStateException {

	AdminTokenException(String message) {
		super(message);
	}

}
