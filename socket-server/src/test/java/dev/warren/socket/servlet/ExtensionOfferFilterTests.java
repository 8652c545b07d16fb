package dev.warren.socket.servlet;

import java.util.Collections;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ExtensionOfferFilterTests {

	@Test
	void hidesTheExtensionOfferAndKeepsEveryOtherHeader() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ws");
		request.addHeader("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits");
		request.addHeader("Sec-WebSocket-Protocol", "v12.stomp");
		MockFilterChain chain = new MockFilterChain();
		new ExtensionOfferFilter().doFilter(request, new MockHttpServletResponse(), chain);
		HttpServletRequest seen = (HttpServletRequest) chain.getRequest();
		assertThat(seen.getHeader("sec-websocket-extensions")).isNull();
		assertThat(seen.getHeaders("Sec-WebSocket-Extensions").hasMoreElements()).isFalse();
		assertThat(Collections.list(seen.getHeaderNames())).containsExactly("Sec-WebSocket-Protocol");
		assertThat(seen.getHeader("Sec-WebSocket-Protocol")).isEqualTo("v12.stomp");
	}

	@Test
	void passesRequestsWithoutAnOfferUnwrapped() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ws");
		MockFilterChain chain = new MockFilterChain();
		new ExtensionOfferFilter().doFilter(request, new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isSameAs(request);
	}

}
