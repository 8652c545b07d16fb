package dev.warren.publisher.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import dev.warren.publisher.web.DatabaseUnavailable;

/**
 * Spring Security's refusals as RFC 9457 problems: 401 without a (valid) bearer token,
 * with {@code WWW-Authenticate: Bearer}; 403 for a credential without the scope.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final JsonMapper json = JsonMapper.builder().build();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		if (DatabaseUnavailable.causes(exception)) {
			// An API key cannot be looked up: neither valid nor invalid, try again.
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(DatabaseUnavailable.RETRY_AFTER.toSeconds()));
			write(request, response, HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailable.DETAIL);
			return;
		}
		boolean presented = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
				presented ? "Bearer error=\"invalid_token\"" : "Bearer realm=\"warren\"");
		write(request, response, HttpStatus.UNAUTHORIZED,
				presented ? "The bearer token is neither the admin token nor a current API key."
						: "This endpoint needs the admin token or an API key: Authorization: Bearer <token>.");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		write(request, response, HttpStatus.FORBIDDEN,
				"This credential does not have the scope this endpoint needs (the admin token or an API key with it).");
	}

	private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(this.json.writeValueAsBytes(problem));
	}

}
