package dev.warren.subclient.load;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies of a load run in microseconds (HdrHistogram, 3 significant digits), recorded
 * from many I/O threads at once without locks, read as a whole and per progress interval.
 */
final class LoadLatency {

	private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

	private final Recorder recorder = new Recorder(HIGHEST_MICROS, 3);

	private final Histogram total = new Histogram(HIGHEST_MICROS, 3);

	private Histogram interval;

	/**
	 * Records one latency; values below zero count as zero and above an hour as an hour.
	 * @param micros the latency
	 */
	void record(long micros) {
		this.recorder.recordValue(Math.min(Math.max(0, micros), HIGHEST_MICROS));
	}

	/**
	 * Closes the current interval and adds it to the total.
	 * @return figures of the interval just closed
	 */
	synchronized Figures interval() {
		this.interval = this.recorder.getIntervalHistogram(this.interval);
		this.total.add(this.interval);
		return Figures.of(this.interval);
	}

	/**
	 * Forgets everything recorded so far (after a warm-up).
	 */
	synchronized void reset() {
		this.recorder.reset();
		this.total.reset();
	}

	/**
	 * Everything recorded so far.
	 * @return figures of the whole run
	 */
	synchronized Figures total() {
		interval();
		return Figures.of(this.total);
	}

	/**
	 * Latency figures in milliseconds, with microsecond resolution.
	 *
	 * @param count how many were recorded
	 * @param p50Ms median
	 * @param p90Ms 90th percentile
	 * @param p99Ms 99th percentile
	 * @param p999Ms 99.9th percentile
	 * @param maxMs largest
	 * @param meanMs mean
	 */
	record Figures(long count, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs, double meanMs) {

		static Figures of(Histogram histogram) {
			if (histogram.getTotalCount() == 0) {
				return new Figures(0, 0, 0, 0, 0, 0, 0);
			}
			return new Figures(histogram.getTotalCount(), millis(histogram.getValueAtPercentile(50)),
					millis(histogram.getValueAtPercentile(90)), millis(histogram.getValueAtPercentile(99)),
					millis(histogram.getValueAtPercentile(99.9)), millis(histogram.getMaxValue()),
					Math.round(histogram.getMean()) / 1000.0);
		}

		private static double millis(long micros) {
			return micros / 1000.0;
		}

	}

}
