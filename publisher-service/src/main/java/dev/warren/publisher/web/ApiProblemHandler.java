package dev.warren.publisher.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.persistence.PersistenceException;
import tools.jackson.core.JacksonException;

import org.springframework.amqp.AmqpException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every error of the HTTP API as an RFC 9457 problem. Request errors carry an
 * {@code errors} map of field (or parameter) to message.
 */
@RestControllerAdvice
class ApiProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

	private static final String ERRORS = "errors";

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ex.getBody()
			.setProperty(ERRORS,
					ex.getFieldErrors()
						.stream()
						.collect(Collectors.toMap(FieldError::getField, ApiProblemHandler::message, (a, b) -> a,
								LinkedHashMap::new)));
		return handleExceptionInternal(ex, ex.getBody(), headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Map<String, String> errors = new LinkedHashMap<>();
		ex.getParameterValidationResults()
			.forEach((result) -> result.getResolvableErrors()
				.forEach(
						(error) -> errors.putIfAbsent(result.getMethodParameter().getParameterName(), message(error))));
		ex.getBody().setProperty(ERRORS, errors);
		return handleExceptionInternal(ex, ex.getBody(), headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				"The request body is not valid JSON " + "of the expected shape.");
		problem.setProperty(ERRORS, Map.of(bodyField(ex), bodyMessage(ex)));
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "Invalid request parameter.");
		String name = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		String type = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "value";
		problem.setProperty(ERRORS, Map.of(name, "must be a valid " + type.toLowerCase()));
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ex.getBody().setProperty(ERRORS, Map.of(ex.getParameterName(), "is required"));
		return handleExceptionInternal(ex, ex.getBody(), headers, status, request);
	}

	/**
	 * The broker refused or could not be reached while handling a request.
	 * @param ex the failure
	 * @param request the request
	 * @return a 503 problem
	 */
	@ExceptionHandler(AmqpException.class)
	ResponseEntity<Object> handleAmqp(AmqpException ex, WebRequest request) {
		log.atWarn().setCause(ex).log("AMQP operation failed while handling a request");
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The message broker refused the operation or is unreachable: " + rootMessage(ex));
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.SERVICE_UNAVAILABLE, request);
	}

	/**
	 * The database failed while handling a request: 503 with {@code Retry-After} when it
	 * is unreachable, else a 500 problem; neither carries the driver's message.
	 * @param ex the failure
	 * @param request the request
	 * @return the problem
	 */
	@ExceptionHandler({ DataAccessException.class, TransactionException.class, PersistenceException.class })
	ResponseEntity<Object> handleDatabase(RuntimeException ex, WebRequest request) {
		if (DatabaseUnavailable.causes(ex)) {
			log.atWarn().log("Database unreachable while handling a request: {}", rootMessage(ex));
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					DatabaseUnavailable.DETAIL);
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(DatabaseUnavailable.RETRY_AFTER.toSeconds()));
			return handleExceptionInternal(ex, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
		}
		log.atError().setCause(ex).log("Database operation failed while handling a request");
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The request could not be completed.");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	private static String bodyField(HttpMessageNotReadableException ex) {
		if (ex.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
			return jackson.getPath()
				.stream()
				.map((ref) -> (ref.getPropertyName() != null) ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
				.collect(Collectors.joining("."));
		}
		return "body";
	}

	private static String bodyMessage(HttpMessageNotReadableException ex) {
		if (ex.getCause() instanceof JacksonException jackson) {
			return jackson.getPath().isEmpty() ? "malformed JSON" : "has the wrong type";
		}
		return "is missing or unreadable";
	}

	private static String message(MessageSourceResolvable error) {
		return String.valueOf(error.getDefaultMessage());
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return String.valueOf(root.getMessage());
	}

}
