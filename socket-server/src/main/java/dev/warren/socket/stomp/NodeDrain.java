package dev.warren.socket.stomp;

import java.util.Map;

import dev.warren.socket.session.CloseWait;
import dev.warren.socket.session.WebSocketSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Drains the node when it shuts down: readiness turns to refusing traffic, new WebSocket
 * handshakes get 503, and every open session is closed with 1012 "service restart", the
 * WebSocket close code that tells a client to reconnect (to another node, through the
 * load balancer). Its phase is above the STOMP broker's, so it runs while sessions can
 * still be closed cleanly.
 */
@Component
public class NodeDrain implements SmartLifecycle, HandshakeInterceptor {

	/** The close sent to every session of a stopping node. */
	public static final CloseStatus RECONNECT = new CloseStatus(CloseStatus.SERVICE_RESTARTED.getCode(),
			"node shutting down: reconnect");

	/** Phase of the STOMP broker and its WebSocket handler: stopped after the drain. */
	static final int BROKER_PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private static final Logger logger = LoggerFactory.getLogger(NodeDrain.class);

	private final WebSocketSessions sessions;

	private volatile boolean running;

	private volatile boolean draining;

	NodeDrain(WebSocketSessions sessions) {
		this.sessions = sessions;
	}

	@Override
	public void start() {
		this.draining = false;
		this.running = true;
	}

	@Override
	public void stop() {
		this.draining = true;
		int closing = this.sessions.closeAll(RECONNECT);
		CloseWait.untilClosed(this.sessions::size);
		logger.atInfo()
			.addKeyValue("sessions", closing)
			.addKeyValue("stillOpen", this.sessions.size())
			.log("Drained: sessions closed with 1012 (reconnect)");
		this.running = false;
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
