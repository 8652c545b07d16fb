package dev.warren.publisher.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request value that passed binding but breaks a rule checked in code; answered 400
 * with the same {@code errors} map as bean validation failures.
 */
public class InvalidFieldException extends ErrorResponseException {

	/**
	 * Creates the exception.
	 * @param field the request field or parameter
	 * @param message what is wrong with it
	 */
	public InvalidFieldException(String field, String message) {
		super(HttpStatus.BAD_REQUEST, problem(field, message), null);
	}

	private static ProblemDetail problem(String field, String message) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid request content.");
		problem.setProperty("errors", Map.of(field, message));
		return problem;
	}

}
