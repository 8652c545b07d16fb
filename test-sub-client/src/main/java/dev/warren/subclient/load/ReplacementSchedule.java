package dev.warren.subclient.load;

import java.util.concurrent.TimeUnit;

/**
 * When a load run replaces which connection: a share of the connections per minute,
 * spread evenly over the minute (the {@code k}th replacement is due {@code k} intervals
 * after the start, the first one interval in), taking the slots in turn so that the
 * oldest connection goes first and, at 10 % a minute, each is replaced once every ten
 * minutes.
 *
 * @param slots connections held at once
 * @param perMinute replacements per minute
 * @param total replacements over the whole run
 */
record ReplacementSchedule(int slots, int perMinute, int total) {

	private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

	/**
	 * The schedule for a run.
	 * @param slots connections held at once
	 * @param percentPerMinute share of them to replace per minute, in percent; above 0,
	 * at least one a minute
	 * @param seconds how long the run produces
	 * @return the schedule, with no replacements when the share is 0
	 */
	static ReplacementSchedule of(int slots, double percentPerMinute, int seconds) {
		if (percentPerMinute <= 0 || slots <= 0) {
			return new ReplacementSchedule(slots, 0, 0);
		}
		int perMinute = (int) Math.max(1, Math.round(slots * percentPerMinute / 100));
		return new ReplacementSchedule(slots, perMinute, (int) ((long) perMinute * seconds / 60));
	}

	/**
	 * How many replacements are due by some time after the start.
	 * @param elapsedNanos time since the producer started
	 * @return how many should have begun by then
	 */
	int dueBy(long elapsedNanos) {
		if (elapsedNanos <= 0) {
			return 0;
		}
		return (int) Math.min(this.total, (long) ((double) elapsedNanos * this.perMinute / MINUTE_NANOS));
	}

	/**
	 * The slot whose connection the {@code k}th replacement (from 0) replaces.
	 * @param k the replacement
	 * @return its slot
	 */
	int slotOf(int k) {
		return k % this.slots;
	}

	boolean replaces() {
		return this.total > 0;
	}

}
