package dev.warren.publisher.delivery;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * How deliveries are packed into entries of the history stream ({@code StreamEntry}): an
 * entry is published once it holds {@code maxMessages} deliveries or {@code maxBytes};
 * one that is not full is published {@code linger} after the previous entry, or at once
 * when that was longer ago. So a delivery after a quiet spell does not wait, and under
 * load a channel publishes about one entry per linger, holding what arrived meanwhile.
 *
 * @param stream the history stream, published to through the default exchange
 * @param maxMessages deliveries per entry at most
 * @param maxBytes bytes after which an entry is published
 * @param linger the least time between two entries that are not full
 * @param scheduler runs the lingering publishes
 */
public record EntryBatching(String stream, int maxMessages, int maxBytes, Duration linger,
		ScheduledExecutorService scheduler) {
}
