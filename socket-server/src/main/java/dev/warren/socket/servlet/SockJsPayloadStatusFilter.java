package dev.warren.socket.servlet;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a SockJS {@code xhr_send} whose body is not a JSON array of strings with 400:
 * Spring's SockJS support writes 500 ("Payload expected.", "Broken JSON encoding.") for
 * what is the client's mistake, which looks like a server fault in every dashboard.
 * Spring's receiving handler answers nothing else with 500: failures to read the request
 * surface as exceptions, which this filter leaves alone.
 */
class SockJsPayloadStatusFilter extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && request.getRequestURI().endsWith("/xhr_send"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(request, new HttpServletResponseWrapper(response) {

			@Override
			public void setStatus(int status) {
				super.setStatus(badPayload(status));
			}

			@Override
			public void sendError(int status, String message) throws IOException {
				super.sendError(badPayload(status), message);
			}

			@Override
			public void sendError(int status) throws IOException {
				super.sendError(badPayload(status));
			}

		});
	}

	private static int badPayload(int status) {
		return (status == HttpServletResponse.SC_INTERNAL_SERVER_ERROR) ? HttpServletResponse.SC_BAD_REQUEST : status;
	}

}
