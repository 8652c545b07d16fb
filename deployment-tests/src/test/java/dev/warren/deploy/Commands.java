package dev.warren.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command line and captures what it printed.
 */
final class Commands {

	private Commands() {
	}

	/**
	 * Runs {@code command} and waits for it.
	 * @param directory working directory
	 * @param env the whole environment of the command, or {@code null} for a minimal one
	 * (only {@code PATH} and {@code HOME}), so nothing of the caller's leaks in
	 * @param command the command line
	 * @return exit code and output
	 */
	static Result run(Path directory, Map<String, String> env, List<String> command) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
		Map<String, String> inherited = Map.copyOf(builder.environment());
		builder.environment().clear();
		builder.environment().put("PATH", inherited.getOrDefault("PATH", "/usr/bin:/bin"));
		builder.environment().put("HOME", inherited.getOrDefault("HOME", "/tmp"));
		if (env != null) {
			builder.environment().putAll(env);
		}
		try {
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(2, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException(command + " did not finish in 2 minutes:\n" + output);
			}
			return new Result(process.exitValue(), output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not run " + command.get(0), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Result(int exitCode, String output) {
	}

}
