package dev.warren.subclient.load;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * Counters every connection of a load run writes to, read by the progress line and the
 * summary. Per-connection checks (order, duplicates, misdelivery) live in each
 * connection's {@link StreamTracker}; this holds only what is summed across threads.
 */
final class LoadStats {

	private static final int MAX_ERRORS = 20;

	final LoadLatency latency = new LoadLatency();

	final LongAdder received = new LongAdder();

	final AtomicInteger opened = new AtomicInteger();

	final AtomicInteger subscribed = new AtomicInteger();

	final AtomicInteger failed = new AtomicInteger();

	final AtomicInteger lost = new AtomicInteger();

	/** Subscribed connections the tool closed to replace them. */
	final AtomicInteger replaced = new AtomicInteger();

	final AtomicInteger deflateNegotiated = new AtomicInteger();

	final List<Node> nodes;

	private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();

	private final AtomicInteger errorCount = new AtomicInteger();

	/**
	 * Origin of the tool's clock: send times in bodies are {@code System.nanoTime()}
	 * minus this, so they are positive.
	 */
	final long clockOrigin = System.nanoTime();

	LoadStats(List<String> nodeUrls) {
		this.nodes = IntStream.range(0, nodeUrls.size()).mapToObj((i) -> new Node(nodeUrls.get(i))).toList();
	}

	/**
	 * Connections subscribed now: those that subscribed, less those the tool replaced and
	 * those the server closed or lost.
	 * @return how many
	 */
	int live() {
		return this.subscribed.get() - this.replaced.get() - this.lost.get();
	}

	long now() {
		return System.nanoTime() - this.clockOrigin;
	}

	/**
	 * Forgets arrivals and latencies once a warm-up is over; connection counts stay.
	 */
	void resetArrivals() {
		this.received.reset();
		this.latency.reset();
		for (Node node : this.nodes) {
			node.received.reset();
		}
	}

	void error(String message) {
		if (this.errorCount.incrementAndGet() <= MAX_ERRORS) {
			this.errors.add(message);
		}
	}

	List<String> errors() {
		return List.copyOf(this.errors);
	}

	int errorCount() {
		return this.errorCount.get();
	}

	/**
	 * What one socket URL served.
	 */
	static final class Node {

		final String url;

		final AtomicInteger subscribed = new AtomicInteger();

		final AtomicInteger failed = new AtomicInteger();

		final LongAdder received = new LongAdder();

		Node(String url) {
			this.url = url;
		}

	}

}
