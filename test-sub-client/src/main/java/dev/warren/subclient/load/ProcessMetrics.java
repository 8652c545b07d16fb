package dev.warren.subclient.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The loader's own CPU time and another process's CPU time, resident memory, open files,
 * threads and heap after a full collection, so a reader can tell whether the loader or
 * the server was the limit, what connections and messages cost the server, and whether
 * anything in it grows over a long run.
 */
final class ProcessMetrics {

	/**
	 * {@code used 23456K} in {@code GC.heap_info}'s line about the whole heap, as G1 (the
	 * nodes' collector) and ZGC print it.
	 */
	private static final Pattern HEAP_USED = Pattern.compile("(?i)heap\\b.*?\\bused (\\d+)([KMG])");

	private static final long JCMD_TIMEOUT_SECONDS = 60;

	private ProcessMetrics() {
	}

	/**
	 * CPU time used by this JVM so far, in nanoseconds; -1 when the JVM cannot tell.
	 */
	static long ownCpuNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime();
		}
		return -1;
	}

	/**
	 * CPU time a process has used so far (user and system), from
	 * {@code /proc/<pid>/stat}, in nanoseconds; clock ticks of 10 ms, Linux's
	 * {@code USER_HZ}.
	 * @param pid the process
	 * @return its CPU time
	 * @throws IOException when the process or {@code /proc} cannot be read
	 */
	static long cpuNanos(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
		// The command name may hold spaces and parentheses: count fields after its end.
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		return ticks * 10_000_000L;
	}

	/**
	 * Resident set size of a process from {@code /proc/<pid>/status}.
	 * @param pid the process
	 * @return its RSS in bytes
	 * @throws IOException when the process or {@code /proc} cannot be read
	 */
	static long residentBytes(long pid) throws IOException {
		return Long.parseLong(status(pid, "VmRSS:").replace("kB", "").trim()) * 1024;
	}

	/**
	 * Threads of a process, from {@code /proc/<pid>/status}.
	 * @param pid the process
	 * @return how many it has
	 * @throws IOException when the process or {@code /proc} cannot be read
	 */
	static int threads(long pid) throws IOException {
		return Integer.parseInt(status(pid, "Threads:").trim());
	}

	/**
	 * File descriptors a process holds open (sockets included), from
	 * {@code /proc/<pid>/fd}.
	 * @param pid the process
	 * @return how many
	 * @throws IOException when the process or {@code /proc} cannot be read
	 */
	static int openFiles(long pid) throws IOException {
		try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
			return (int) fds.count();
		}
	}

	/**
	 * A JVM's heap in use right after a full collection: {@code jcmd <pid> GC.run}, then
	 * {@code GC.heap_info}. What is left after a full collection is what the process
	 * holds on to, whatever the collector did in between; a young collection alone leaves
	 * old garbage behind, and Micrometer's {@code jvm.gc.live.data.size} only moves after
	 * an old or concurrent cycle, which a calm node may not run for hours. The collection
	 * pauses the JVM (tens to hundreds of milliseconds with a heap of a few hundred MB).
	 * @param pid the JVM
	 * @return bytes of heap in use after the collection
	 * @throws IOException when {@code jcmd} fails or says nothing about the heap
	 */
	static long heapAfterGc(long pid) throws IOException {
		jcmd(pid, "GC.run");
		return usedHeapBytes(jcmd(pid, "GC.heap_info"));
	}

	/**
	 * Reads the heap in use from {@code jcmd GC.heap_info}'s answer.
	 * @param heapInfo the answer
	 * @return bytes in use
	 * @throws IOException when the answer has no heap line
	 */
	static long usedHeapBytes(String heapInfo) throws IOException {
		Matcher used = HEAP_USED.matcher(heapInfo);
		if (!used.find()) {
			throw new IOException("no heap usage in GC.heap_info: " + heapInfo.strip());
		}
		long value = Long.parseLong(used.group(1));
		return switch (Character.toUpperCase(used.group(2).charAt(0))) {
			case 'G' -> value << 30;
			case 'M' -> value << 20;
			default -> value << 10;
		};
	}

	private static String jcmd(long pid, String command) throws IOException {
		Path beside = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		String jcmd = Files.isExecutable(beside) ? beside.toString() : "jcmd";
		Process process = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IOException("jcmd " + pid + " " + command + " failed: " + output.strip());
			}
			return output;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while waiting for jcmd", ex);
		}
		finally {
			process.destroy();
		}
	}

	private static String status(long pid, String field) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
			if (line.startsWith(field)) {
				return line.substring(field.length());
			}
		}
		throw new IOException("no " + field + " in /proc/" + pid + "/status");
	}

}
