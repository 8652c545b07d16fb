package dev.warren.publisher.channel;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A rabbit channel of that name exists already.
 */
class DuplicateRabbitChannelException extends ErrorResponseException {

	DuplicateRabbitChannelException(String name) {
		super(HttpStatus.CONFLICT, problem(name), null);
	}

	private static ProblemDetail problem(String name) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"A rabbit channel named '" + name + "' exists already");
		problem.setProperty("channel", name);
		return problem;
	}

}
