package dev.warren.publisher.ingest;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.warren.common.history.StreamEntry;

/**
 * Ingest tuning, bound from {@code warren.ingest.*}; start-up fails when a value is
 * invalid.
 *
 * @param prefetch messages each rabbit channel's consumer may hold unacked; it also
 * bounds how many republishes await their confirm per channel, so it must cover the
 * message rate times a stream entry's linger and confirm (RabbitMQ confirms a packed
 * entry in 1–4 ms on a quiet broker, longer while it is busy)
 * @param ackBatch confirmed deliveries acknowledged together with one multiple ack while
 * others still await their confirm; 1 acks each delivery on its own
 * @param maxBodyBytes largest body accepted, in bytes; larger messages are dead-lettered
 * @param recoveryInterval how long a consumer waits before trying again after its queue
 * or the broker went away
 * @param shutdownTimeout how long stopping a rabbit channel waits for its consumer to
 * finish the messages it holds
 * @param entryMaxMessages deliveries packed into one entry of the history stream at most
 * ({@code warren.history.store=stream}); 1 publishes each delivery on its own to the
 * deliveries exchange
 * @param entryMaxBytes bytes of deliveries after which an entry is published
 * @param entryLinger the least time between two entries that are not full; a delivery
 * after a quiet spell goes at once
 */
@Validated
@ConfigurationProperties("warren.ingest")
record IngestProperties(@DefaultValue("1000") @Min(1) @Max(10_000) int prefetch,
		@DefaultValue("32") @Min(1) @Max(10_000) int ackBatch,
		@DefaultValue("65536") @Min(1) @Max(128 * 1024 * 1024) int maxBodyBytes,
		@DefaultValue("5s") @NotNull Duration recoveryInterval, @DefaultValue("5s") @NotNull Duration shutdownTimeout,
		@DefaultValue("128") @Min(1) @Max(StreamEntry.SPAN) int entryMaxMessages,
		@DefaultValue("262144") @Min(1) int entryMaxBytes, @DefaultValue("5ms") @NotNull Duration entryLinger) {
}
