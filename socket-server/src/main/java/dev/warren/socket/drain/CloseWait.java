package dev.warren.socket.drain;

import java.time.Duration;
import java.util.function.BooleanSupplier;
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
		until(() -> open.getAsInt() == 0, LIMIT);
	}

	/**
	 * Waits until {@code done}, or {@code limit} passed.
	 * @param done what is waited for
	 * @param limit the longest wait
	 */
	public static void until(BooleanSupplier done, Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
		while (!done.getAsBoolean() && System.nanoTime() < deadline) {
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
