package dev.warren.socket.drain;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * How a stopping node waits for the sessions it asked to close, on either way in.
 */
public final class CloseWait {

	/** Longest wait for closing sessions to be gone. */
	public static final Duration LIMIT = Duration.ofSeconds(10);

	private CloseWait() {
	}

	/**
	 * Waits until {@code open} reports no session, or {@link #LIMIT} passed.
	 * @param open the number of sessions still open
	 */
	public static void untilClosed(IntSupplier open) {
		long deadline = System.nanoTime() + LIMIT.toNanos();
		while (open.getAsInt() > 0 && System.nanoTime() < deadline) {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

}
