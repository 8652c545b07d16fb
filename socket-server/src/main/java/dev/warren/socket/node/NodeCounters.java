package dev.warren.socket.node;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;

/**
 * The node's counters as its announcement carries them, read from the meters the hot path
 * already keeps (nothing counted twice): messages taken from the source, messages handed
 * to sessions, messages dropped, and the p99 of the delivery latency over the interval
 * since the previous announcement, from the latency histogram's buckets (so the upper
 * bound of the bucket that holds it). Called from one thread, every few seconds.
 */
final class NodeCounters {

	static final String LATENCY = "warren.socket.delivery.latency";

	private final MeterRegistry meters;

	private long lastCount;

	private double[] lastBuckets = new double[0];

	NodeCounters(MeterRegistry meters) {
		this.meters = meters;
	}

	long messagesIn() {
		Timer latency = this.meters.find(LATENCY).timer();
		return (latency != null) ? latency.count() : 0;
	}

	long messagesOut() {
		Counter delivered = this.meters.find("warren.socket.messages.delivered").counter();
		return (delivered != null) ? (long) delivered.count() : 0;
	}

	long dropped() {
		return (long) this.meters.find("warren.socket.messages.dropped")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	/**
	 * The p99 of what was recorded since the previous call.
	 * @return milliseconds, {@code null} when nothing was recorded
	 */
	Double p99SinceLastCall() {
		Timer latency = this.meters.find(LATENCY).timer();
		if (latency == null) {
			return null;
		}
		HistogramSnapshot snapshot = latency.takeSnapshot();
		CountAtBucket[] buckets = snapshot.histogramCounts();
		long count = snapshot.count();
		long recorded = count - this.lastCount;
		double[] before = this.lastBuckets;
		this.lastCount = count;
		this.lastBuckets = new double[buckets.length];
		for (int i = 0; i < buckets.length; i++) {
			this.lastBuckets[i] = buckets[i].count();
		}
		if (recorded <= 0 || buckets.length == 0) {
			return null;
		}
		double wanted = Math.ceil(recorded * 0.99);
		for (int i = 0; i < buckets.length; i++) {
			double inInterval = buckets[i].count() - ((before.length == buckets.length) ? before[i] : 0);
			if (inInterval >= wanted) {
				return buckets[i].bucket(TimeUnit.MILLISECONDS);
			}
		}
		// Beyond the last bucket: the largest value still in the window.
		return snapshot.max(TimeUnit.MILLISECONDS);
	}

}
