package dev.warren.subclient.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The loader's own CPU time and another process's CPU time and resident memory, so a
 * reader can tell whether the loader or the server was the limit, and what connections
 * and messages cost the server.
 */
final class ProcessMetrics {

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
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
			if (line.startsWith("VmRSS:")) {
				String kb = line.substring("VmRSS:".length()).replace("kB", "").trim();
				return Long.parseLong(kb) * 1024;
			}
		}
		throw new IOException("no VmRSS in /proc/" + pid + "/status");
	}

}
