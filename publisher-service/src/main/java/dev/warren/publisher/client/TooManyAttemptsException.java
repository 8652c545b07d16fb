package dev.warren.publisher.client;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Too many registration or login attempts: answered 429 with {@code Retry-After}, the
 * same whether the limit hit is the address's or the account's, and whether the account
 * exists.
 */
class TooManyAttemptsException extends ErrorResponseException {

	private final HttpHeaders headers = new HttpHeaders();

	TooManyAttemptsException(Duration retryAfter) {
		super(HttpStatus.TOO_MANY_REQUESTS, ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"Too many attempts: try again in " + seconds(retryAfter) + " s."), null);
		this.headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds(retryAfter)));
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.headers;
	}

	private static long seconds(Duration duration) {
		return Math.max(1, (duration.toMillis() + 999) / 1000);
	}

}
