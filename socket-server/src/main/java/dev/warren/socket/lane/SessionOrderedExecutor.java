package dev.warren.socket.lane;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;

import org.springframework.core.task.TaskExecutor;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.support.MessageHandlingRunnable;

/**
 * The executor of a client channel: runs each WebSocket session's tasks strictly in
 * submission order on a shared pool, and bounds what may wait for one session.
 * <p>
 * {@code ExecutorSubscribableChannel} submits one {@link MessageHandlingRunnable} per
 * message and handler; the session id is read from its message. Each open session has a
 * {@link SessionLane}, a FIFO drained by one pool task at a time, so order holds without
 * {@code preservePublishOrder} (which bypasses the send buffer limit, spring-framework
 * #25581). A lane over its {@link LaneLimits} is reported once to the
 * {@link LaneOverflowListener}, which closes the session; see
 * {@link LaneLimits#dropOnOverflow()} for what happens to its tasks. Tasks of sessions
 * without a lane (not opened yet, or gone) run directly on the pool. A
 * {@link TaskExecutor} because Spring's broker stats require one.
 */
public final class SessionOrderedExecutor implements TaskExecutor {

	/** Bean name of the executor of {@code clientInboundChannel}. */
	public static final String INBOUND = "warrenInboundExecutor";

	/** Bean name of the executor of {@code clientOutboundChannel}. */
	public static final String OUTBOUND = "warrenOutboundExecutor";

	private final Executor pool;

	private final LaneLimits limits;

	private final LaneOverflowListener overflowListener;

	private final LongSupplier nanoClock;

	private final ConcurrentHashMap<String, SessionLane> lanes = new ConcurrentHashMap<>();

	/**
	 * Creates the executor.
	 * @param pool the shared threads
	 * @param limits the per-session bounds
	 * @param overflowListener told when a session goes over its bounds
	 * @param nanoClock {@code System::nanoTime}, replaceable in tests
	 */
	public SessionOrderedExecutor(Executor pool, LaneLimits limits, LaneOverflowListener overflowListener,
			LongSupplier nanoClock) {
		this.pool = pool;
		this.limits = limits;
		this.overflowListener = overflowListener;
		this.nanoClock = nanoClock;
	}

	@Override
	public void execute(Runnable task) {
		execute(sessionIdOf(task), task, sizeOf(task));
	}

	/**
	 * Runs a task for one session behind the session's earlier tasks and under its
	 * bounds, for frames written without going through a channel.
	 * @param sessionId the session, {@code null} to run the task directly on the pool
	 * @param task the task
	 * @param bytes payload bytes the task writes, counted against the lane's byte bound
	 */
	public void execute(String sessionId, Runnable task, long bytes) {
		SessionLane lane = (sessionId != null) ? this.lanes.get(sessionId) : null;
		if (lane == null || !lane.offer(task, bytes)) {
			this.pool.execute(task);
		}
	}

	/**
	 * Gives a session its lane; called when its WebSocket opens, before any frame.
	 * @param sessionId the session
	 */
	public void open(String sessionId) {
		this.lanes.computeIfAbsent(sessionId, (id) -> new SessionLane(id, this));
	}

	/**
	 * The session's WebSocket closed: its lane runs what waits (the inbound
	 * {@code DISCONNECT} among it) and then goes away.
	 * @param sessionId the session
	 */
	public void ended(String sessionId) {
		SessionLane lane = this.lanes.get(sessionId);
		if (lane != null) {
			lane.end();
		}
	}

	/**
	 * Reports every session whose running task exceeds the run time limit; called
	 * periodically. A write stuck on a client that stopped reading is the usual case.
	 */
	public void sweep() {
		long maxRunNanos = this.limits.maxRunTime().toNanos();
		if (maxRunNanos <= 0) {
			return;
		}
		long now = this.nanoClock.getAsLong();
		for (SessionLane lane : this.lanes.values()) {
			lane.checkRunTime(now, maxRunNanos);
		}
	}

	/**
	 * Number of sessions with a lane.
	 * @return the count
	 */
	public int laneCount() {
		return this.lanes.size();
	}

	/**
	 * Tasks waiting for one session.
	 * @param sessionId the session
	 * @return the count, 0 without a lane
	 */
	public int waiting(String sessionId) {
		SessionLane lane = this.lanes.get(sessionId);
		return (lane != null) ? lane.waitingCount() : 0;
	}

	LaneLimits limits() {
		return this.limits;
	}

	long nanoTime() {
		return this.nanoClock.getAsLong();
	}

	void overflowed(String sessionId, String reason) {
		this.overflowListener.overflowed(sessionId, reason);
	}

	void discarded(int frames) {
		this.overflowListener.discarded(frames);
	}

	void schedule(SessionLane lane) {
		try {
			this.pool.execute(lane);
		}
		catch (RejectedExecutionException ex) {
			// Shutting down: drain on the caller, as ExecutorSubscribableChannel does.
			lane.run();
		}
	}

	void retire(SessionLane lane) {
		this.lanes.remove(lane.sessionId(), lane);
	}

	long sizeOf(Runnable task) {
		return (task instanceof MessageHandlingRunnable handling
				&& handling.getMessage().getPayload() instanceof byte[] payload) ? payload.length : 0;
	}

	private static String sessionIdOf(Runnable task) {
		return (task instanceof MessageHandlingRunnable handling)
				? SimpMessageHeaderAccessor.getSessionId(handling.getMessage().getHeaders()) : null;
	}

}
