package dev.warren.common;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The history of deliveries that positions point into and clients recover from, bound
 * from {@code warren.history.*}. publisher-service and every node declare the stream with
 * these arguments, so both must be given the same values (RabbitMQ refuses a declaration
 * whose retention differs from the stream's).
 *
 * @param store {@code stream}: a RabbitMQ stream every node reads (the default with
 * RabbitMQ); {@code memory}: each node keeps what it received (the default on the
 * embedded broker, which has no streams); {@code none}: no history, no positions, nodes
 * bind their queue by interest
 * @param maxAge how long the history keeps a message at least
 * @param maxBytes how much the history keeps at most, on disk (stream) or on the heap
 * (memory)
 * @param segmentBytes size of a stream segment, the unit RabbitMQ deletes old messages by
 * @param replayTimeout how long a recovery may take before the client is told
 * {@code continuity-lost} and goes live
 * @param maxConcurrentReplays recoveries a node runs at once; more wait their turn
 */
@ConfigurationProperties("warren.history")
public record WarrenHistoryProperties(@DefaultValue("stream") Store store, @DefaultValue("10m") Duration maxAge,
		@DefaultValue("200MB") DataSize maxBytes, @DefaultValue("8MB") DataSize segmentBytes,
		@DefaultValue("10s") Duration replayTimeout, @DefaultValue("8") int maxConcurrentReplays) {

	/** The property choosing the store. */
	public static final String STORE_PROPERTY = "warren.history.store";

	/**
	 * The arguments the history stream is declared with, the same in every service.
	 * @return {@code x-queue-type}, {@code x-max-age}, {@code x-max-length-bytes} and
	 * {@code x-stream-max-segment-size-bytes}
	 */
	public Map<String, Object> streamArguments() {
		return Map.of("x-queue-type", "stream", "x-max-age", Math.max(1, this.maxAge.toSeconds()) + "s",
				"x-max-length-bytes", this.maxBytes.toBytes(), "x-stream-max-segment-size-bytes",
				this.segmentBytes.toBytes());
	}

	/** Where the history lives. */
	public enum Store {

		/** A RabbitMQ stream. */
		STREAM,
		/** Each node's heap. */
		MEMORY,
		/** Nowhere. */
		NONE

	}

}
