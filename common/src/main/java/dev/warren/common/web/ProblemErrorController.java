package dev.warren.common.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error dispatches ({@code /error}) with a problem in
 * place of Spring Boot's default JSON. The detail never carries an exception's message:
 * that may name internals.
 */
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping("${server.error.path:${error.path:/error}}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		HttpStatusCode status = status(request);
		ProblemDetail problem = ProblemDetail.forStatus(status);
		if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) == null
				&& request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String message
				&& !message.isBlank()) {
			problem.setDetail(message);
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static HttpStatusCode status(HttpServletRequest request) {
		if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code && code >= 400
				&& code <= 599) {
			return HttpStatusCode.valueOf(code);
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

}
