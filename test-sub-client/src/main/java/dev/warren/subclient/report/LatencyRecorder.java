package dev.warren.subclient.report;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

/**
 * Records delivery latencies in milliseconds, thread-safe for concurrent recording.
 */
public class LatencyRecorder {

	private static final long HIGHEST_TRACKABLE_MILLIS = TimeUnit.HOURS.toMillis(1);

	private final Recorder recorder = new Recorder(HIGHEST_TRACKABLE_MILLIS, 3);

	private final Histogram total = new Histogram(HIGHEST_TRACKABLE_MILLIS, 3);

	/**
	 * Records one latency; negative values (clock skew between hosts) count as zero and
	 * values beyond an hour as an hour.
	 * @param millis the latency
	 */
	public void record(long millis) {
		this.recorder.recordValue(Math.min(Math.max(0, millis), HIGHEST_TRACKABLE_MILLIS));
	}

	/**
	 * Everything recorded so far.
	 * @return a snapshot of the latencies
	 */
	public synchronized Latencies snapshot() {
		this.total.add(this.recorder.getIntervalHistogram());
		return new Latencies(this.total.getTotalCount(), this.total.getValueAtPercentile(50),
				this.total.getValueAtPercentile(99), this.total.getMaxValue());
	}

	/**
	 * Latency figures in milliseconds.
	 *
	 * @param count how many were recorded
	 * @param p50 median
	 * @param p99 99th percentile
	 * @param max largest
	 */
	public record Latencies(long count, long p50, long p99, long max) {
	}

}
