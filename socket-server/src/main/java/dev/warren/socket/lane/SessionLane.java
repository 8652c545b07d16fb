package dev.warren.socket.lane;

import java.util.ArrayDeque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's FIFO of tasks, drained by at most one pool thread at a time. State
 * changes happen under the lane's monitor, which only the session's producers and its
 * single drainer contend for.
 */
final class SessionLane implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(SessionLane.class);

	/** Tasks run per turn before the lane gives its pool thread to other sessions. */
	private static final int BATCH = 64;

	private final String sessionId;

	private final SessionOrderedExecutor owner;

	private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();

	private long waitingBytes;

	private boolean scheduled;

	private boolean ended;

	private boolean retired;

	private boolean dropped;

	private boolean reported;

	/** {@code System.nanoTime()} when the running task started, 0 when idle. */
	private volatile long runningSince;

	SessionLane(String sessionId, SessionOrderedExecutor owner) {
		this.sessionId = sessionId;
		this.owner = owner;
	}

	String sessionId() {
		return this.sessionId;
	}

	/**
	 * Queues a task.
	 * @return {@code false} when the lane is retired and the caller must run the task
	 * elsewhere
	 */
	boolean offer(Runnable task, long bytes) {
		LaneLimits limits = this.owner.limits();
		boolean schedule = false;
		String overflow = null;
		int discarded = 0;
		synchronized (this) {
			if (this.retired) {
				return false;
			}
			if (this.dropped) {
				discarded = 1;
			}
			else {
				if (!this.waiting.isEmpty() && (this.waiting.size() >= limits.maxMessages()
						|| this.waitingBytes + bytes > limits.maxBytes())) {
					overflow = report("more than " + limits.maxMessages() + " messages or " + limits.maxBytes()
							+ " bytes waiting");
					if (limits.dropOnOverflow()) {
						discarded = drop() + 1;
					}
				}
				if (!this.dropped) {
					this.waiting.add(task);
					this.waitingBytes += bytes;
					if (!this.scheduled) {
						this.scheduled = true;
						schedule = true;
					}
				}
			}
		}
		if (overflow != null) {
			this.owner.overflowed(this.sessionId, overflow);
		}
		if (discarded > 0) {
			this.owner.discarded(discarded);
		}
		if (schedule) {
			this.owner.schedule(this);
		}
		return true;
	}

	@Override
	public void run() {
		for (int i = 0; i < BATCH; i++) {
			Runnable task;
			synchronized (this) {
				task = this.waiting.poll();
				if (task == null) {
					this.scheduled = false;
					if (this.ended) {
						retire();
					}
					return;
				}
				this.waitingBytes -= this.owner.sizeOf(task);
			}
			long start = this.owner.nanoTime();
			this.runningSince = (start != 0) ? start : 1;
			try {
				task.run();
			}
			catch (Throwable ex) {
				logger.atWarn()
					.addKeyValue("sessionId", this.sessionId)
					.setCause(ex)
					.log("Task failed: {}", ex.toString());
			}
			finally {
				this.runningSince = 0;
			}
		}
		// Still scheduled: give the pool thread to other sessions, come back later.
		this.owner.schedule(this);
	}

	/**
	 * Reports the lane when its running task has run longer than the limit.
	 */
	void checkRunTime(long now, long maxRunNanos) {
		long since = this.runningSince;
		if (since == 0 || now - since <= maxRunNanos) {
			return;
		}
		String overflow;
		int discarded = 0;
		synchronized (this) {
			overflow = report("a write has been running for more than " + (maxRunNanos / 1_000_000) + " ms");
			if (overflow != null && this.owner.limits().dropOnOverflow()) {
				discarded = drop();
			}
		}
		if (overflow != null) {
			this.owner.overflowed(this.sessionId, overflow);
		}
		if (discarded > 0) {
			this.owner.discarded(discarded);
		}
	}

	/**
	 * The session ended: run what waits, then leave the executor.
	 */
	synchronized void end() {
		this.ended = true;
		if (!this.scheduled) {
			retire();
		}
	}

	synchronized int waitingCount() {
		return this.waiting.size();
	}

	private String report(String reason) {
		if (this.reported) {
			return null;
		}
		this.reported = true;
		return reason;
	}

	/** Throws the waiting frames away; returns how many. */
	private int drop() {
		int frames = this.waiting.size();
		this.dropped = true;
		this.waiting.clear();
		this.waitingBytes = 0;
		return frames;
	}

	private void retire() {
		this.retired = true;
		this.owner.retire(this);
	}

}
