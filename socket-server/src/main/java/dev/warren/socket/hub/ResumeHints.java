package dev.warren.socket.hub;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the subscriptions of a node that drained resume: the drained node announces, for
 * each of its subscriptions, the last position it handed on, and every node keeps that
 * for a while, so a client that reconnects without {@code warren-since} (most clients
 * know nothing of positions) still gets what was published while it moved. A hint is used
 * once, by the first subscription of that client to that destination.
 */
public final class ResumeHints {

	/**
	 * How long a hint is kept: a client that takes longer to come back goes live only.
	 */
	static final long TTL_NANOS = 120_000_000_000L;

	/** Hints kept at most, however many nodes drain at once. */
	private static final int MAX_HINTS = 1_000_000;

	private final ConcurrentHashMap<String, Hint> hints = new ConcurrentHashMap<>();

	/**
	 * Keeps a hint.
	 * @param clientId the client
	 * @param deliveryKey the subscription's key, {@code client.<id>} or
	 * {@code topic.<name>}
	 * @param position where it resumes
	 */
	public void add(String clientId, String deliveryKey, Position position) {
		long now = System.nanoTime();
		if (this.hints.size() >= MAX_HINTS) {
			this.hints.values().removeIf((hint) -> hint.expiresAt - now < 0);
			if (this.hints.size() >= MAX_HINTS) {
				return;
			}
		}
		this.hints.put(clientId + ' ' + deliveryKey, new Hint(position, now + TTL_NANOS));
	}

	/**
	 * Takes the hint for a subscription, if one is kept and fresh.
	 * @param clientId the client
	 * @param deliveryKey the subscription's key
	 * @return the position, {@code null} when there is none
	 */
	Position take(String clientId, String deliveryKey) {
		if (this.hints.isEmpty()) {
			return null;
		}
		Hint hint = this.hints.remove(clientId + ' ' + deliveryKey);
		return (hint != null && hint.expiresAt - System.nanoTime() > 0) ? hint.position : null;
	}

	/**
	 * How many hints are kept.
	 * @return the count
	 */
	public int size() {
		return this.hints.size();
	}

	private record Hint(Position position, long expiresAt) {
	}

}
