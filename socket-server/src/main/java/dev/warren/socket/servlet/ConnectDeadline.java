package dev.warren.socket.servlet;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>
 * What counts is that the {@code CONNECT} arrived in time, not that connecting finished:
 * with the history in queues ({@code warren.history.store=none}) connecting binds the
 * client's key on the broker, and a broker busy with another session's thousands of
 * unbinds answered after the deadline, which turned away a client that had done nothing
 * wrong.
 */
final class ConnectDeadline implements Consumer<String> {

	private static final Logger logger = LoggerFactory.getLogger(ConnectDeadline.class);

	private final TaskScheduler scheduler;

	private final Duration timeout;

	private final Hub hub;

	private final WebSocketSessions sockets;

	private final UnauthorizedNotice notice;

	/**
	 * The sessions whose deadline has not come yet, each with whether its {@code CONNECT}
	 * arrived; every entry leaves when its deadline comes.
	 */
	private final ConcurrentHashMap<String, Boolean> pending = new ConcurrentHashMap<>();

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
		this.pending.put(sessionId, Boolean.FALSE);
		this.scheduler.schedule(() -> expire(sessionId), Instant.now().plus(this.timeout));
	}

	/**
	 * The session's {@code CONNECT} arrived and is being handled: its deadline no longer
	 * refuses it, however long connecting takes.
	 * @param sessionId the session
	 */
	void connectArrived(String sessionId) {
		this.pending.computeIfPresent(sessionId, (id, arrived) -> Boolean.TRUE);
	}

	private void expire(String sessionId) {
		boolean arrived = Boolean.TRUE.equals(this.pending.remove(sessionId));
		if (!arrived && this.sockets.isOpen(sessionId) && !this.hub.isConnected(sessionId)) {
			logger.atInfo().addKeyValue("sessionId", sessionId).log("No CONNECT within {}: refused", this.timeout);
			this.notice.noConnect(sessionId, this.timeout);
		}
	}

}
