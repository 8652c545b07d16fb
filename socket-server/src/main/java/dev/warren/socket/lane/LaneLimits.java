package dev.warren.socket.lane;

import java.time.Duration;

/**
 * What may wait for one session in a {@link SessionOrderedExecutor}.
 *
 * @param maxMessages tasks that may wait (not counting the running one)
 * @param maxBytes payload bytes that may wait; a single task alone in the lane is
 * accepted whatever its size
 * @param maxRunTime how long one task may run; {@link Duration#ZERO} for no limit
 * @param dropOnOverflow whether a lane over its limits drops what waits and discards what
 * still arrives (outbound), or keeps running it while its session closes (inbound, where
 * the {@code DISCONNECT} that cleans up must still run)
 */
public record LaneLimits(int maxMessages, long maxBytes, Duration maxRunTime, boolean dropOnOverflow) {
}
