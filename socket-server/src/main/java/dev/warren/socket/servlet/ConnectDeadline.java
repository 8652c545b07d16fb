package dev.warren.socket.servlet;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.TaskScheduler;

import dev.warren.socket.hub.Hub;

/**
 * Refuses a servlet session (WebSocket or SockJS) that has not connected to the hub
 * within {@code warren.socket.connect-timeout}, as the edge does: an upgraded socket that
 * never sends {@code CONNECT} would otherwise hold its buffers until Spring's own check,
 * which only runs when other sessions are busy.
 */
final class ConnectDeadline implements Consumer<String> {

	private static final Logger logger = LoggerFactory.getLogger(ConnectDeadline.class);

	private final TaskScheduler scheduler;

	private final Duration timeout;

	private final Hub hub;

	private final WebSocketSessions sockets;

	private final UnauthorizedNotice notice;

	ConnectDeadline(TaskScheduler scheduler, Duration timeout, Hub hub, WebSocketSessions sockets,
			UnauthorizedNotice notice) {
		this.scheduler = scheduler;
		this.timeout = timeout;
		this.hub = hub;
		this.sockets = sockets;
		this.notice = notice;
	}

	/**
	 * Starts the clock for a session that has just opened.
	 * @param sessionId the session
	 */
	@Override
	public void accept(String sessionId) {
		this.scheduler.schedule(() -> expire(sessionId), Instant.now().plus(this.timeout));
	}

	private void expire(String sessionId) {
		if (this.sockets.isOpen(sessionId) && !this.hub.isConnected(sessionId)) {
			logger.atInfo().addKeyValue("sessionId", sessionId).log("No CONNECT within {}: refused", this.timeout);
			this.notice.noConnect(sessionId, this.timeout);
		}
	}

}
