package dev.warren.subclient.load;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The end-of-run summary for people; the JSON file holds the same and more.
 */
final class LoadSummary {

	private final PrintStream err;

	LoadSummary(PrintStream err) {
		this.err = err;
	}

	void print(LoadResult result, Path file) {
		LoadResult.Connections c = result.connections();
		LoadResult.Messages m = result.messages();
		LoadLatency.Figures l = result.latency();
		this.err.printf("%n%s run %s: %s%n",
				result.target().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), result.runId(),
				result.clean() ? "CLEAN" : "NOT CLEAN");
		this.err.printf("  connections  %d requested, %d opened, %d subscribed, %d failed, %d lost, deflate on %d%n",
				c.requested(), c.opened(), c.subscribed(), c.failed(), c.lostAfterSubscribing(), c.deflateNegotiated());
		this.err.printf("  messages     %,d published (%s), %,d expected, %,d received, %,d lost%n", m.published(),
				m.producerConfirmed() ? "all confirmed" : "NOT all confirmed", m.expected(), m.received(), m.lost());
		this.err.printf("               %d duplicates, %d out of order, %d misdelivered, %,d unaddressed%n",
				m.duplicates(), m.outOfOrder(), m.misdelivered(), m.unaddressed());
		this.err.printf("  delivered    %,.0f msg/s%n", result.deliveredPerSecond());
		this.err.printf("  latency ms   p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n", l.p50Ms(), l.p90Ms(),
				l.p99Ms(), l.p999Ms(), l.maxMs());
		for (LoadResult.Node node : result.nodes()) {
			this.err.printf("  node         %s: %d subscribed, %d failed, %,d received%n", node.url(),
					node.subscribed(), node.failed(), node.received());
		}
		this.err.printf("  loader       %.2f cores, %.2f us CPU per message, %d I/O threads%n",
				result.loader().cpuCores(), result.loader().cpuMicrosPerMessage(), result.loader().ioThreads());
		if (result.serverMemory() != null) {
			LoadResult.Memory memory = result.serverMemory();
			this.err.printf(
					"  server RSS   %.1f MiB before, %.1f MiB connected: %,.0f bytes per connection, "
							+ "%,.0f connections per GiB%n",
					memory.residentBefore() / 1048576.0, memory.residentConnected() / 1048576.0,
					memory.bytesPerConnection(), memory.connectionsPerGiB());
		}
		if (result.serverCpu() != null) {
			this.err.printf("  server CPU   %.2f cores, %.2f us per message%n", result.serverCpu().cpuCores(),
					result.serverCpu().cpuMicrosPerMessage());
		}
		if (result.replacement() != null) {
			LoadResult.Replacement r = result.replacement();
			this.err.printf(
					"  replaced     %,d (%s %%/min = %d/min): %,d closed cleanly, %,d new subscribed, %d new failed, "
							+ "%d closed with messages missing after %d ms%n",
					r.replaced(), r.percentPerMinute(), r.perMinute(), r.closed(), r.subscribed(), r.failed(),
					r.closedWithOutstanding(), r.graceMillis());
		}
		if (result.samples() != null) {
			this.err.printf("  samples      %s%n", samples(result.samples()));
		}
		if (result.errorCount() > 0) {
			this.err.printf("  errors       %d, first: %s%n", result.errorCount(), result.errors().get(0));
		}
		this.err.printf("  result       %s%n", file.toAbsolutePath());
	}

	/**
	 * The samples' one line: heap after GC growth from the summary's start to the end,
	 * open files and threads over that time.
	 */
	static String samples(LoadResult.Samples samples) {
		SampleSummary s = samples.summary();
		if (s.samples() == 0) {
			return String.format("%d every %d s, none from %d s on: no summary", samples.series().size(),
					samples.everySeconds(), s.fromSeconds());
		}
		String heap = (s.heapAfterGcGrowthPercent() != null)
				? String.format("heap after GC %+.1f %% from %d s to the end (%.1f -> %.1f MiB)",
						s.heapAfterGcGrowthPercent(), s.fromSeconds(), s.heapAfterGcFromBytes() / 1048576.0,
						s.heapAfterGcEndBytes() / 1048576.0)
				: String.format("heap after GC: no growth figure from %d s on", s.fromSeconds());
		return String.format("%s, open files %s, threads %s (%d of %d samples every %d s)", heap,
				range(s.openFilesMin(), s.openFilesMax(), s.openFilesFlat()),
				range(s.threadsMin(), s.threadsMax(), s.threadsFlat()), s.samples(), samples.series().size(),
				samples.everySeconds());
	}

	private static String range(Integer min, Integer max, Boolean flat) {
		if (min == null) {
			return "NA";
		}
		return String.format("%,d-%,d (%s)", min, max, Boolean.TRUE.equals(flat) ? "flat" : "NOT flat");
	}

}
