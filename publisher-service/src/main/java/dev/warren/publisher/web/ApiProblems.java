package dev.warren.publisher.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An API error answered as a problem with a status and a detail, for the cases that need
 * nothing more (no field errors, no headers).
 */
public final class ApiProblems {

	private ApiProblems() {
	}

	/**
	 * The exception to throw.
	 * @param status the answer's status
	 * @param detail for humans; never a secret
	 * @return the exception
	 */
	public static ErrorResponseException of(HttpStatus status, String detail) {
		return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
	}

}
