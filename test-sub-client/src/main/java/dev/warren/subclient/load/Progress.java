package dev.warren.subclient.load;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The line a load run prints about once a second: connections (live ones and how many
 * were replaced, when the run replaces connections), arrivals and their rate, the
 * interval's p99 latency and the tool's own CPU use.
 */
final class Progress {

	private final LoadStats stats;

	private final int clients;

	private final boolean replacing;

	private final PrintStream err;

	private final boolean quiet;

	private ScheduledExecutorService ticker;

	private long started;

	private long lastReceived;

	private long lastCpu;

	private long lastWall;

	Progress(LoadStats stats, int clients, boolean replacing, PrintStream err, boolean quiet) {
		this.stats = stats;
		this.clients = clients;
		this.replacing = replacing;
		this.err = err;
		this.quiet = quiet;
	}

	void connecting() {
		if (!this.quiet) {
			this.err.printf("connecting: opened %d, subscribed %d/%d, failed %d%n", this.stats.opened.get(),
					this.stats.subscribed.get(), this.clients, this.stats.failed.get());
		}
	}

	synchronized void start() {
		this.started = System.nanoTime();
		this.lastWall = this.started;
		this.lastCpu = ProcessMetrics.ownCpuNanos();
		this.lastReceived = this.stats.received.sum();
		if (this.quiet) {
			return;
		}
		this.ticker = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "load-progress");
			thread.setDaemon(true);
			return thread;
		});
		this.ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
	}

	synchronized void stop() {
		if (this.ticker != null) {
			this.ticker.shutdownNow();
			this.ticker = null;
		}
	}

	private void tick() {
		long now = System.nanoTime();
		long cpu = ProcessMetrics.ownCpuNanos();
		long received = this.stats.received.sum();
		double seconds = (now - this.lastWall) / 1e9;
		LoadLatency.Figures interval = this.stats.latency.interval();
		String connections = this.replacing
				? String.format("live %d/%d, replaced %d", this.stats.live(), this.clients, this.stats.replaced.get())
				: String.format("subscribed %d/%d", this.stats.subscribed.get(), this.clients);
		this.err.printf("[%4ds] %s, lost %d | received %,d (+%,.0f/s) | p99 %.1f ms | loader %.2f cores%n",
				TimeUnit.NANOSECONDS.toSeconds(now - this.started), connections, this.stats.lost.get(), received,
				(received - this.lastReceived) / seconds, interval.p99Ms(), (cpu - this.lastCpu) / 1e9 / seconds);
		this.lastWall = now;
		this.lastCpu = cpu;
		this.lastReceived = received;
	}

}
