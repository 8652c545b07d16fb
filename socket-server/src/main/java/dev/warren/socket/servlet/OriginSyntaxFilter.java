package dev.warren.socket.servlet;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Refuses with 403 a WebSocket or SockJS request whose {@code Origin} is not an origin at
 * all (a malformed authority such as {@code http://[bad}): Spring's origin check would
 * fail on it with an exception, answered 500 with a stack trace in the log. The same
 * parser decides, so what passes here parses there.
 */
class OriginSyntaxFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		if (origin != null && !"null".equals(origin) && !isOrigin(origin)) {
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean isOrigin(String origin) {
		try {
			UriComponentsBuilder.fromUriString(origin).build();
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
