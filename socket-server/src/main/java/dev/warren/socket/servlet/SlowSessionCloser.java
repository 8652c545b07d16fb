package dev.warren.socket.servlet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.CloseStatus;

import dev.warren.socket.lane.LaneOverflowListener;
import dev.warren.socket.lane.SlowSessionMeters;

/**
 * Closes a session whose lane went over its limits, and counts it in
 * {@code warren.socket.slow.closed}; the frames it then throws away are counted in
 * {@code warren.socket.messages.dropped{reason=slow-session}}.
 */
final class SlowSessionCloser implements LaneOverflowListener {

	private static final Logger logger = LoggerFactory.getLogger(SlowSessionCloser.class);

	private final WebSocketSessions sessions;

	private final SlowSessionMeters meters;

	SlowSessionCloser(WebSocketSessions sessions, SlowSessionMeters meters) {
		this.sessions = sessions;
		this.meters = meters;
	}

	@Override
	public void overflowed(String sessionId, String reason) {
		this.meters.closed(sessionId, reason);
		logger.atWarn().addKeyValue("sessionId", sessionId).log("Closing slow session: {}", reason);
		this.sessions.close(sessionId, CloseStatus.SESSION_NOT_RELIABLE);
	}

	@Override
	public void discarded(int frames) {
		this.meters.discarded(frames);
	}

}
