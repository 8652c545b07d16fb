package dev.warren.publisher.client;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Wrong password for a known email, or an unknown email at login. The answer does not say
 * which.
 */
class InvalidCredentialsException extends ErrorResponseException {

	InvalidCredentialsException() {
		super(HttpStatus.UNAUTHORIZED,
				ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "Email or password is wrong."), null);
	}

}
