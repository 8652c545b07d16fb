package dev.warren.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Warren service started from its runnable jar in a process of its own, as an
 * operator would start it. Its output goes to {@code target/e2e-logs/<name>.log}.
 */
public final class WarrenProcess implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final Process process;

	private final Path log;

	private final int port;

	private final int edgePort;

	private final long startedAtNanos;

	private final Path workDir;

	private long healthyAfterMillis = -1;

	private WarrenProcess(String name, Process process, Path log, int port, int edgePort, long startedAtNanos,
			Path workDir) {
		this.name = name;
		this.workDir = workDir;
		this.process = process;
		this.log = log;
		this.port = port;
		this.edgePort = edgePort;
		this.startedAtNanos = startedAtNanos;
	}

	/**
	 * Starts {@code jar} and waits until its {@code /actuator/health} answers UP.
	 * @param name name for the log file
	 * @param jarProperty system property holding the jar's path
	 * @param workDir working directory (where {@code ./data} lives)
	 * @param env environment variables to set; {@code SPRING_*} and {@code WARREN_*} from
	 * the test's own environment are never inherited
	 * @param args command-line arguments (Spring properties as {@code --key=value})
	 * @param port the HTTP port the service is told to use; a socket-server node's Netty
	 * edge gets a free port of its own unless {@code env} names one
	 * @return the healthy process
	 */
	public static WarrenProcess start(String name, String jarProperty, Path workDir, Map<String, String> env,
			List<String> args, int port) {
		Path jar = Path.of(System.getProperty(jarProperty, "<unset>"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " does not exist: the end-to-end tests run the packaged jars, "
					+ "so run them with ./mvnw verify (not ./mvnw test)");
		}
		try {
			Path logs = Path.of(System.getProperty("warren.e2e.logs", "target/e2e-logs"));
			Files.createDirectories(logs);
			Files.createDirectories(workDir);
			Path log = logs.resolve(name + ".log");
			List<String> command = new ArrayList<>();
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.add("-Xmx256m");
			command.add("-XX:TieredStopAtLevel=1");
			command.add("-jar");
			command.add(jar.toString());
			command.addAll(args);
			ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().keySet().removeIf((key) -> key.startsWith("SPRING_") || key.startsWith("WARREN_"));
			builder.environment().put("SERVER_PORT", Integer.toString(port));
			builder.environment().putAll(env);
			int edgePort = -1;
			if (jarProperty.equals("warren.socket.jar")) {
				// Two nodes on one machine would both take the edge's default port.
				edgePort = Integer.parseInt(builder.environment()
					.computeIfAbsent("WARREN_SOCKET_EDGE_PORT", (key) -> Integer.toString(freePort())));
			}
			long started = System.nanoTime();
			WarrenProcess started0 = new WarrenProcess(name, builder.start(), log, port, edgePort, started, workDir);
			started0.awaitHealthy(Duration.ofSeconds(90));
			return started0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void awaitHealthy(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
			.timeout(Duration.ofSeconds(2))
			.build();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						this.name + " exited with " + this.process.exitValue() + " during start-up:\n" + logTail());
			}
			try {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
					this.healthyAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.startedAtNanos);
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			pause();
		}
		close();
		throw new IllegalStateException(this.name + " was not healthy after " + timeout + ":\n" + logTail());
	}

	private static void pause() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/** The servlet container's {@code /ws} of a socket-server node. */
	String webSocketUrl() {
		return "ws://127.0.0.1:" + this.port + "/ws";
	}

	/** The Netty edge's {@code /ws} of a socket-server node, where clients connect. */
	public String edgeUrl() {
		if (this.edgePort < 0) {
			throw new IllegalStateException(this.name + " is not a socket-server node");
		}
		return "ws://127.0.0.1:" + this.edgePort + "/ws";
	}

	/**
	 * The admin token the embedded mode generated in this process's {@code ./data}.
	 * @return the token
	 */
	String embeddedAdminToken() {
		try {
			return Files.readString(this.workDir.resolve("data/admin-token")).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	long healthyAfterMillis() {
		return this.healthyAfterMillis;
	}

	/**
	 * The file the process's standard output and error go to.
	 * @return its path
	 */
	public Path log() {
		return this.log;
	}

	public String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/** Kills the process at once (SIGKILL), as a crash would. */
	public void kill() {
		try {
			this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
