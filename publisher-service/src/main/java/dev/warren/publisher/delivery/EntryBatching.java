package dev.warren.publisher.delivery;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * How deliveries are packed into entries of the history stream ({@code StreamEntry}): an
 * entry is published once it holds {@code maxMessages} deliveries or {@code maxBytes}, or
 * {@code linger} after its first delivery, whichever comes first.
 *
 * @param stream the history stream, published to through the default exchange
 * @param maxMessages deliveries per entry at most
 * @param maxBytes bytes after which an entry is published
 * @param linger how long the first delivery of an entry waits for others
 * @param scheduler runs the lingering publishes
 */
public record EntryBatching(String stream, int maxMessages, int maxBytes, Duration linger,
		ScheduledExecutorService scheduler) {
}
