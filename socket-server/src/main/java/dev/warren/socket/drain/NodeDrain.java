package dev.warren.socket.drain;

import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Drains the node when it shuts down, every way in alike: new WebSocket handshakes are
 * refused with 503, the {@link DrainStep}s run (the node stops taking deliveries and says
 * where its subscriptions resume), and every open session is closed, after what was
 * already handed to it, with 1012 "service restart", the close code that tells a client
 * to reconnect (to another node, through the load balancer). Its phase is above those of
 * the STOMP broker and the edge's server, so it runs while sessions can still be closed
 * cleanly.
 */
@Component
public class NodeDrain implements SmartLifecycle, HandshakeInterceptor, ApplicationListener<ContextClosedEvent> {

	/** Phase of what the drain must run before: the STOMP broker, the edge's threads. */
	public static final int AFTER_DRAIN_PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private static final Logger logger = LoggerFactory.getLogger(NodeDrain.class);

	/** Resolved when the node stops: the ways in depend on the drain, not the reverse. */
	private final ObjectProvider<WayIn> waysIn;

	private final ObjectProvider<DrainStep> steps;

	private volatile boolean running;

	private volatile boolean draining;

	NodeDrain(ObjectProvider<WayIn> waysIn, ObjectProvider<DrainStep> steps) {
		this.waysIn = waysIn;
		this.steps = steps;
	}

	/**
	 * Whether the node is draining: handshakes are refused.
	 * @return {@code true} from the start of the drain
	 */
	public boolean isDraining() {
		return this.draining;
	}

	@Override
	public void start() {
		this.draining = false;
		this.running = true;
	}

	/**
	 * Drains as soon as the context starts closing, before any lifecycle bean stops: a
	 * bean that depends on the ways in (or on which they depend) could otherwise be
	 * stopped first and take the sessions with it.
	 */
	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		drain();
	}

	@Override
	public void stop() {
		drain();
		this.running = false;
	}

	private synchronized void drain() {
		if (this.draining) {
			return;
		}
		this.draining = true;
		this.steps.orderedStream().forEach(DrainStep::beforeClosing);
		List<WayIn> all = this.waysIn.orderedStream().toList();
		int closing = 0;
		for (WayIn wayIn : all) {
			closing += wayIn.closeAll(WayIn.RECONNECT_CODE, WayIn.RECONNECT_REASON);
		}
		IntSupplier open = () -> all.stream().mapToInt(WayIn::size).sum();
		CloseWait.untilClosed(open);
		logger.atInfo()
			.addKeyValue("sessions", closing)
			.addKeyValue("stillOpen", open.getAsInt())
			.log("Drained: {} sessions closed with 1012 (reconnect)", closing);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		if (this.draining) {
			response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
			return false;
		}
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Exception exception) {
	}

}
