package dev.warren.subclient.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code /proc} says about a process, checked against what the JVM says about
 * itself.
 */
class ProcessMetricsTests {

	private static final long PID = ProcessHandle.current().pid();

	@Test
	void cpuTimeFromProcMatchesTheJvmsOwnFigure() throws Exception {
		long procBefore = ProcessMetrics.cpuNanos(PID);
		long jvmBefore = ProcessMetrics.ownCpuNanos();
		burn(300_000_000L);
		long procSpent = ProcessMetrics.cpuNanos(PID) - procBefore;
		long jvmSpent = ProcessMetrics.ownCpuNanos() - jvmBefore;
		assertThat(jvmSpent).isGreaterThanOrEqualTo(300_000_000L);
		// Whole clock ticks of 10 ms, and other JVM threads run meanwhile: close, not
		// equal.
		assertThat(procSpent).isBetween(jvmSpent / 2, jvmSpent * 2 + 50_000_000L);
	}

	@Test
	void residentMemoryIsReadForALiveProcess() throws Exception {
		assertThat(ProcessMetrics.residentBytes(PID)).isGreaterThan(1024L * 1024);
	}

	private static void burn(long cpuNanos) {
		long start = ProcessMetrics.ownCpuNanos();
		long sink = 0;
		while (ProcessMetrics.ownCpuNanos() - start < cpuNanos) {
			for (int i = 0; i < 100_000; i++) {
				sink += i * 31L;
			}
		}
		assertThat(sink).isNotZero();
	}

}
