package dev.warren.socket.stomp;

import java.time.Duration;
import java.util.HashMap;

import dev.warren.socket.session.WebSocketSessions;
import org.junit.jupiter.api.Test;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stopping node refuses new WebSocket handshakes and reports itself not ready; before
 * it stops it accepts them. (Closing open sessions with 1012 is covered end to end,
 * against a node process that is sent SIGTERM.)
 */
class NodeDrainTests {

	private final NodeDrain drain = new NodeDrain(new WebSocketSessions(Runnable::run, Duration.ofSeconds(1), 1024));

	@Test
	void acceptsHandshakesWhileRunning() throws Exception {
		this.drain.start();
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(handshake(response)).isTrue();
		assertThat(response.getStatus()).isEqualTo(200);
	}

	@Test
	void refusesHandshakesWith503OnceStopped() throws Exception {
		this.drain.start();
		this.drain.stop();
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(handshake(response)).isFalse();
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(this.drain.isRunning()).isFalse();
	}

	@Test
	void stopsBeforeTheBrokerAndItsWebSocketHandler() {
		// Lifecycle beans stop from the highest phase down.
		assertThat(this.drain.getPhase()).isEqualTo(SmartLifecycle.DEFAULT_PHASE).isGreaterThan(NodeDrain.BROKER_PHASE);
	}

	private boolean handshake(MockHttpServletResponse servletResponse) throws Exception {
		ServletServerHttpResponse response = new ServletServerHttpResponse(servletResponse);
		boolean accepted = this.drain.beforeHandshake(new ServletServerHttpRequest(new MockHttpServletRequest()),
				response, null, new HashMap<>());
		response.flush();
		return accepted;
	}

}
