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
		this.err.printf("               %d duplicates, %d out of order, %d misdelivered%n", m.duplicates(),
				m.outOfOrder(), m.misdelivered());
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
		if (result.errorCount() > 0) {
			this.err.printf("  errors       %d, first: %s%n", result.errorCount(), result.errors().get(0));
		}
		this.err.printf("  result       %s%n", file.toAbsolutePath());
	}

}
