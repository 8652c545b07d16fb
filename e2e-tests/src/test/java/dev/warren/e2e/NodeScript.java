package dev.warren.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Node.js script from the docs, run with the npm packages the docs tell the reader to
 * install; its output lines are collected as they come.
 */
final class NodeScript implements AutoCloseable {

	private final String name;

	private final Process process;

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private NodeScript(String name, Process process) {
		this.name = name;
		this.process = process;
		Thread reader = new Thread(this::read, "node-" + name);
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Installs the packages of {@code docs-examples/package.json} into {@code directory}.
	 * @param directory where the scripts will run
	 */
	static void install(Path directory) {
		try (var packageJson = NodeScript.class.getResourceAsStream("/docs-examples/package.json")) {
			Files.createDirectories(directory);
			Files.write(directory.resolve("package.json"), packageJson.readAllBytes());
			Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error")
				.directory(directory.toFile())
				.redirectErrorStream(true)
				.start();
			String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
				throw new IllegalStateException("npm install failed in " + directory
						+ " (the docs' examples need the npm registry):\n" + output);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("the docs' examples run on Node.js 20 or newer with npm; "
					+ "install them (Debian: apt-get install nodejs npm): " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Saves {@code source} as {@code fileName} in {@code directory} and runs it.
	 * @param directory where {@link #install} put the packages
	 * @param fileName the script's name, as the docs give it
	 * @param source the script
	 * @param env environment variables to add
	 * @param nodeOptions options for {@code node} before the script
	 * @param args the script's arguments
	 * @return the running script
	 */
	static NodeScript start(Path directory, String fileName, String source, Map<String, String> env,
			List<String> nodeOptions, String... args) {
		try {
			Files.writeString(directory.resolve(fileName), source);
			List<String> command = new ArrayList<>();
			command.add("node");
			command.addAll(nodeOptions);
			command.add(fileName);
			command.addAll(List.of(args));
			ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true);
			builder.environment().putAll(env);
			return new NodeScript(fileName, builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void read() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.lines.add(line);
			}
		}
		catch (IOException ex) {
			// the process was stopped
		}
	}

	/**
	 * Whether a line the script printed matches.
	 * @param line what to look for
	 * @return whether one did
	 */
	boolean printed(Predicate<String> line) {
		return this.lines.stream().anyMatch(line);
	}

	/**
	 * Waits for the script to end by itself.
	 * @param timeout how long it may take
	 * @return its exit code
	 */
	int exitCode(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException(this.name + " still runs after " + timeout + ": " + output());
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	String output() {
		return String.join("\n", this.lines);
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

	@Override
	public String toString() {
		return this.name + ":\n" + output();
	}

}
