package dev.warren.publisher.channel;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No rabbit channel has the requested name.
 */
class UnknownRabbitChannelException extends ErrorResponseException {

	UnknownRabbitChannelException(String name) {
		super(HttpStatus.NOT_FOUND, problem(name), null);
	}

	private static ProblemDetail problem(String name) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"No rabbit channel named '" + name + "'");
		problem.setProperty("channel", name);
		return problem;
	}

}
