package dev.warren.socket.lane;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.warren.socket.monitor.NodeWarnings;

/**
 * The node's slow-session meters, whichever server held the session:
 * {@code warren.socket.slow.closed} and
 * {@code warren.socket.messages.dropped{reason=slow-session}}.
 */
public final class SlowSessionMeters {

	private final Counter closed;

	private final Counter discarded;

	private final NodeWarnings warnings;

	public SlowSessionMeters(MeterRegistry meters, NodeWarnings warnings) {
		this.warnings = warnings;
		this.closed = Counter.builder("warren.socket.slow.closed")
			.description("Sessions closed because frames waited too long or too many")
			.register(meters);
		this.discarded = Counter.builder("warren.socket.messages.dropped")
			.description("Messages this node dropped instead of delivering, by reason")
			.tag("reason", "slow-session")
			.register(meters);
	}

	/**
	 * Counts a session closed as too slow, and records it as a warning.
	 * @param sessionId the session, still registered in the hub
	 * @param reason why it was closed
	 */
	public void closed(String sessionId, String reason) {
		this.closed.increment();
		this.warnings.recordForSession(sessionId, "slow-consumer", reason);
	}

	/**
	 * Counts frames thrown away with a slow session.
	 * @param frames how many
	 */
	public void discarded(int frames) {
		this.discarded.increment(frames);
	}

}
