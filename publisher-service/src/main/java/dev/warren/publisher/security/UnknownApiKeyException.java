package dev.warren.publisher.security;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No API key with that id: answered 404.
 */
class UnknownApiKeyException extends ErrorResponseException {

	UnknownApiKeyException(String id) {
		super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No API key " + id + "."),
				null);
	}

}
