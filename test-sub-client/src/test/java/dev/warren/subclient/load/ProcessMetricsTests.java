package dev.warren.subclient.load;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

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

	@Test
	void openFilesAndThreadsFollowWhatTheProcessOpens() throws Exception {
		int files = ProcessMetrics.openFiles(PID);
		int threads = ProcessMetrics.threads(PID);
		Path file = Files.createTempFile("process-metrics", ".tmp");
		CountDownLatch done = new CountDownLatch(1);
		List<FileChannel> open = new ArrayList<>();
		List<Thread> parked = new ArrayList<>();
		try {
			for (int i = 0; i < 10; i++) {
				open.add(FileChannel.open(file));
				Thread thread = new Thread(() -> {
					try {
						done.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				});
				thread.start();
				parked.add(thread);
			}
			// The JVM opens files and starts compiler threads of its own now and then.
			assertThat(ProcessMetrics.openFiles(PID)).isBetween(files + 8, files + 15);
			assertThat(ProcessMetrics.threads(PID)).isBetween(threads + 8, threads + 15);
		}
		finally {
			done.countDown();
			for (Thread thread : parked) {
				thread.join();
			}
			for (FileChannel channel : open) {
				channel.close();
			}
			Files.delete(file);
		}
	}

	@Test
	void heapAfterAFullCollectionComesFromJcmd() throws Exception {
		byte[] held = new byte[64 << 20];
		long withHeld = ProcessMetrics.heapAfterGc(PID);
		assertThat(withHeld).isGreaterThan(held.length);
		assertThat(withHeld).isLessThan(Runtime.getRuntime().totalMemory() + 1);
	}

	@Test
	void heapUsageIsReadFromWhatEachCollectorPrints() throws Exception {
		assertThat(ProcessMetrics.usedHeapBytes(
				"""
						15758:
						garbage-first heap   total reserved 1048576K, committed 14336K, used 2911K [0x00000000c0000000, 0x0000000100000000)
						 region size 1024K, 0 young (0K), 0 survivors (0K)
						"""))
			.isEqualTo(2911L * 1024);
		assertThat(ProcessMetrics.usedHeapBytes(" ZHeap           used 14M, capacity 64M, max capacity 1024M"))
			.isEqualTo(14L << 20);
		assertThatIOException().isThrownBy(() -> ProcessMetrics.usedHeapBytes("1234:\nno such command"));
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
