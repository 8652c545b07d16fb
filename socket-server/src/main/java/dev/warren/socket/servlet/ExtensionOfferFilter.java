package dev.warren.socket.servlet;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hides a client's {@code Sec-WebSocket-Extensions} offer from the WebSocket upgrade, so
 * no extension (in practice permessage-deflate) is negotiated. Browsers always offer
 * deflate and Tomcat accepts it whenever offered, even when the application selects no
 * extension; for Warren's small, fanned-out messages that means compressing the same
 * payload once per session, which costs more than sending it (docs/benchmarks.md). A
 * client whose offer is hidden simply receives uncompressed frames. Registered unless
 * {@code warren.socket.permessage-deflate=true}.
 */
class ExtensionOfferFilter extends OncePerRequestFilter {

	static final String EXTENSIONS_HEADER = "Sec-WebSocket-Extensions";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getHeader(EXTENSIONS_HEADER) == null) {
			chain.doFilter(request, response);
			return;
		}
		chain.doFilter(new WithoutExtensionOffer(request), response);
	}

	private static final class WithoutExtensionOffer extends HttpServletRequestWrapper {

		WithoutExtensionOffer(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getHeader(String name) {
			return isOffer(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return isOffer(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			return Collections.enumeration(
					Collections.list(super.getHeaderNames()).stream().filter((name) -> !isOffer(name)).toList());
		}

		private static boolean isOffer(String name) {
			return EXTENSIONS_HEADER.equalsIgnoreCase(name);
		}

	}

}
