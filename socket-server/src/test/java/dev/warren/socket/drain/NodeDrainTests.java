package dev.warren.socket.drain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stopping node refuses new WebSocket handshakes and closes the sessions of every way
 * in with 1012; before it stops it accepts them. (Closing real sessions is covered on the
 * edge and end to end, against a node process that is sent SIGTERM.)
 */
class NodeDrainTests {

	private final FakeWayIn edge = new FakeWayIn(3);

	private final FakeWayIn servlet = new FakeWayIn(2);

	private final List<String> steps = new ArrayList<>();

	private final NodeDrain drain = new NodeDrain(waysIn(this.edge, this.servlet),
			step(() -> this.steps.add("open: " + (this.edge.size() + this.servlet.size()))));

	@Test
	void acceptsHandshakesWhileRunning() throws Exception {
		this.drain.start();
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(handshake(response)).isTrue();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(this.drain.isDraining()).isFalse();
	}

	@Test
	void refusesHandshakesWith503OnceStopped() throws Exception {
		this.drain.start();
		this.drain.stop();
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(handshake(response)).isFalse();
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(this.drain.isRunning()).isFalse();
		assertThat(this.drain.isDraining()).isTrue();
	}

	@Test
	void closesTheSessionsOfEveryWayInWithTheReconnectHint() {
		this.drain.start();
		this.drain.stop();
		assertThat(this.edge.closedWith).isEqualTo(1012);
		assertThat(this.servlet.closedWith).isEqualTo(1012);
		assertThat(this.edge.size() + this.servlet.size()).isZero();
	}

	@Test
	void runsItsStepsWhileTheSessionsAreStillOpen() {
		this.drain.start();
		this.drain.stop();
		assertThat(this.steps).containsExactly("open: 5");
	}

	@Test
	void stopsBeforeTheBrokerAndTheEdgeThreads() {
		// Lifecycle beans stop from the highest phase down.
		assertThat(this.drain.getPhase()).isEqualTo(SmartLifecycle.DEFAULT_PHASE)
			.isGreaterThan(NodeDrain.AFTER_DRAIN_PHASE);
	}

	private boolean handshake(MockHttpServletResponse servletResponse) throws Exception {
		ServletServerHttpResponse response = new ServletServerHttpResponse(servletResponse);
		boolean accepted = this.drain.beforeHandshake(new ServletServerHttpRequest(new MockHttpServletRequest()),
				response, null, new HashMap<>());
		response.flush();
		return accepted;
	}

	private static org.springframework.beans.factory.ObjectProvider<DrainStep> step(DrainStep step) {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerSingleton("step", step);
		return beans.getBeanProvider(DrainStep.class);
	}

	private static org.springframework.beans.factory.ObjectProvider<WayIn> waysIn(WayIn... waysIn) {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		for (int i = 0; i < waysIn.length; i++) {
			beans.registerSingleton("wayIn" + i, waysIn[i]);
		}
		return beans.getBeanProvider(WayIn.class);
	}

	/** Sessions that close as soon as they are asked to. */
	private static final class FakeWayIn implements WayIn {

		private final AtomicInteger open;

		private int closedWith;

		FakeWayIn(int open) {
			this.open = new AtomicInteger(open);
		}

		@Override
		public int closeAll(int code, String reason) {
			this.closedWith = code;
			return this.open.getAndSet(0);
		}

		@Override
		public int size() {
			return this.open.get();
		}

	}

}
