package dev.warren.publisher.ingest;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The live state of one rabbit channel's consumer.
 *
 * @param state {@code starting}, {@code consuming}, {@code recovering} (its queue or the
 * broker went away; it retries) or {@code stopped}
 * @param lastFailure the last failure's reason, {@code null} once consuming again
 * @param since when the state last changed
 * @param inFlight republishes awaiting the broker's confirm
 */
public record ChannelStatus(String state, @Nullable String lastFailure, Instant since, int inFlight) {

	/** Consumer started, no consume-ok yet. */
	public static final String STARTING = "starting";

	/** Consuming its queue. */
	public static final String CONSUMING = "consuming";

	/** Lost its queue or connection; trying again. */
	public static final String RECOVERING = "recovering";

	/** Not consuming and not trying to. */
	public static final String STOPPED = "stopped";

}
