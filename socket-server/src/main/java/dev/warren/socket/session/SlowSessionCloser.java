package dev.warren.socket.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.CloseStatus;

/**
 * Closes a session whose lane went over its limits, and counts it in
 * {@code warren.socket.slow.closed}; the frames it then throws away are counted in
 * {@code warren.socket.messages.dropped{reason=slow-session}}.
 */
final class SlowSessionCloser implements LaneOverflowListener {

	private static final Logger logger = LoggerFactory.getLogger(SlowSessionCloser.class);

	private final WebSocketSessions sessions;

	private final Counter closed;

	private final Counter discarded;

	SlowSessionCloser(WebSocketSessions sessions, MeterRegistry meters) {
		this.sessions = sessions;
		this.closed = Counter.builder("warren.socket.slow.closed")
			.description("Sessions closed because frames waited too long or too many")
			.register(meters);
		this.discarded = Counter.builder("warren.socket.messages.dropped")
			.description("Messages this node dropped instead of delivering, by reason")
			.tag("reason", "slow-session")
			.register(meters);
	}

	@Override
	public void overflowed(String sessionId, String reason) {
		this.closed.increment();
		logger.atWarn().addKeyValue("sessionId", sessionId).log("Closing slow session: {}", reason);
		this.sessions.close(sessionId, CloseStatus.SESSION_NOT_RELIABLE);
	}

	@Override
	public void discarded(int frames) {
		this.discarded.increment(frames);
	}

}
