package dev.warren.subclient.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Samples the server processes while a run goes on, on a thread of its own: heap after a
 * full collection, open files, threads and resident memory of each (summed), what the
 * server's Prometheus endpoint says about its connections and live heap, and the tool's
 * own live connections, arrivals and replacements, so that a long run shows whether
 * anything grows. The samples start with the producer and end with one taken as it stops.
 */
final class ServerSampler {

	private final List<Long> pids;

	private final ServerMeters meters;

	private final LoadStats stats;

	private final IntSupplier replaced;

	private final List<LoadResult.Sample> series = new ArrayList<>();

	/** Figures that failed once, so each failure is reported once. */
	private final Set<String> failed = new HashSet<>();

	private ScheduledExecutorService timer;

	private long startNanos;

	/**
	 * @param pids the server processes, summed
	 * @param meters the server's Prometheus endpoint, or {@code null}
	 * @param stats the run's counters
	 * @param replaced how many connections were replaced so far
	 */
	ServerSampler(List<Long> pids, ServerMeters meters, LoadStats stats, IntSupplier replaced) {
		this.pids = List.copyOf(pids);
		this.meters = meters;
		this.stats = stats;
		this.replaced = replaced;
	}

	/**
	 * Takes a sample now and then every {@code everySeconds}.
	 * @param startNanos when the producer started ({@link System#nanoTime()})
	 * @param everySeconds the interval
	 */
	void start(long startNanos, int everySeconds) {
		this.startNanos = startNanos;
		this.timer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "load-sampler");
			thread.setDaemon(true);
			return thread;
		});
		this.timer.scheduleAtFixedRate(this::sample, 0, everySeconds, TimeUnit.SECONDS);
	}

	/**
	 * Stops sampling, after the sample being taken, and takes the last one.
	 * @return every sample, in the order taken
	 * @throws InterruptedException when interrupted while waiting for the sample being
	 * taken
	 */
	List<LoadResult.Sample> finish() throws InterruptedException {
		if (this.timer != null) {
			this.timer.shutdown();
			this.timer.awaitTermination(2, TimeUnit.MINUTES);
		}
		sample();
		synchronized (this.series) {
			return List.copyOf(this.series);
		}
	}

	/**
	 * The tool's own figures first, at the sample's time: the server's take seconds
	 * ({@code jcmd} starts a JVM and the collection pauses the server).
	 */
	private void sample() {
		double seconds = Math.round((System.nanoTime() - this.startNanos) / 1e8) / 10.0;
		int live = this.stats.live();
		long received = this.stats.received.sum();
		int replaced = this.replaced.getAsInt();
		Long heap = sum("heap after GC", ProcessMetrics::heapAfterGc);
		Long files = sum("open files", ProcessMetrics::openFiles);
		Long threads = sum("threads", ProcessMetrics::threads);
		Long resident = sum("resident memory", ProcessMetrics::residentBytes);
		Double connections = null;
		Double liveData = null;
		if (this.meters != null) {
			try {
				String text = this.meters.scrape();
				connections = ServerMeters.value(text, ServerMeters.CONNECTIONS);
				liveData = ServerMeters.value(text, ServerMeters.GC_LIVE_DATA);
			}
			catch (IOException ex) {
				failedOnce("server metrics", ex);
			}
		}
		LoadResult.Sample sample = new LoadResult.Sample(seconds, heap,
				(liveData != null) ? liveData.longValue() : null, (files != null) ? files.intValue() : null,
				(threads != null) ? threads.intValue() : null, resident, live,
				(connections != null) ? connections.intValue() : null, received, replaced);
		synchronized (this.series) {
			this.series.add(sample);
		}
	}

	private Long sum(String figure, Reader reader) {
		long total = 0;
		for (long pid : this.pids) {
			try {
				total += reader.read(pid);
			}
			catch (IOException | RuntimeException ex) {
				failedOnce(figure + " of " + pid, ex);
				return null;
			}
		}
		return this.pids.isEmpty() ? null : total;
	}

	private void failedOnce(String figure, Exception ex) {
		boolean first;
		synchronized (this.failed) {
			first = this.failed.add(figure);
		}
		if (first) {
			this.stats.error("sampling " + figure + ": " + ex.getMessage());
		}
	}

	@FunctionalInterface
	private interface Reader {

		long read(long pid) throws IOException;

	}

}
