package dev.warren.publisher.client;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A refresh token that cannot be exchanged: unknown, expired, revoked, or used before.
 * The client has to log in again.
 */
class RefreshTokenException extends ErrorResponseException {

	RefreshTokenException(String detail) {
		super(HttpStatus.UNAUTHORIZED, ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail), null);
	}

}
