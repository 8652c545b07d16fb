package dev.warren.socket.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * What this node noticed that an operator should look at (a session closed as too slow, a
 * refused token, a client past its publish rate), waiting for the next node announcement,
 * which carries at most {@link #PER_ANNOUNCEMENT} of them to publisher-service's
 * {@code warnings} table. Numbered, so each is written once however many
 * publisher-service instances hear it. Recording never blocks and never allocates more
 * than the bounded buffer: a flood beyond it is only counted, and reported as a count.
 */
public final class NodeWarnings {

	/** Warnings one announcement carries at most; the rest wait for the next. */
	public static final int PER_ANNOUNCEMENT = 100;

	static final int BUFFER = 1_000;

	private static final int DETAIL_LENGTH = 300;

	private final BlockingQueue<Map<String, Object>> pending = new ArrayBlockingQueue<>(BUFFER);

	private final AtomicLong sequence = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	private volatile UnaryOperator<String> clientOfSession = (sessionId) -> null;

	/**
	 * Where the client of a session is looked up, once the hub exists.
	 * @param clientOfSession session id to client id, {@code null} when unknown
	 */
	public void clientsBy(UnaryOperator<String> clientOfSession) {
		this.clientOfSession = clientOfSession;
	}

	/**
	 * Records a warning.
	 * @param clientId the client concerned, may be {@code null}
	 * @param kind {@code slow-consumer}, {@code token-refused} or {@code rate-limited}
	 * @param detail what happened
	 */
	public void record(String clientId, String kind, String detail) {
		Map<String, Object> warning = new LinkedHashMap<>();
		warning.put("seq", this.sequence.incrementAndGet());
		warning.put("at", System.currentTimeMillis());
		warning.put("client", clientId);
		warning.put("kind", kind);
		warning.put("detail", (detail.length() > DETAIL_LENGTH) ? detail.substring(0, DETAIL_LENGTH) : detail);
		if (!this.pending.offer(warning)) {
			this.dropped.incrementAndGet();
		}
	}

	/**
	 * Records a warning about a session still registered in the hub.
	 * @param sessionId the session
	 * @param kind what it is
	 * @param detail what happened
	 */
	public void recordForSession(String sessionId, String kind, String detail) {
		record(this.clientOfSession.apply(sessionId), kind, "session " + sessionId + ": " + detail);
	}

	/**
	 * Takes what the next announcement carries.
	 * @return up to {@link #PER_ANNOUNCEMENT} warnings, oldest first
	 */
	public List<Map<String, Object>> drain() {
		List<Map<String, Object>> batch = new ArrayList<>();
		this.pending.drainTo(batch, PER_ANNOUNCEMENT);
		return batch;
	}

	/**
	 * Takes the count of warnings that did not fit since the last call.
	 * @return the count
	 */
	public long drainDropped() {
		return this.dropped.getAndSet(0);
	}

}
