package dev.warren.e2e.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.ConnectionFactory;

/**
 * A RabbitMQ node of the fault suite's own ({@code faults@localhost}, AMQP on
 * {@value #PORT}), with its own files under {@code target/}, so the suite can stop and
 * start it without touching the machine's shared broker.
 */
final class FaultBroker implements AutoCloseable {

	static final int PORT = 5682;

	private static final String NODE = "faults@localhost";

	private final Path home;

	private FaultBroker(Path home) {
		this.home = home;
	}

	/**
	 * Starts a fresh node: whatever an earlier run left in {@code home} is removed first.
	 * @param home where its database, logs and configuration go
	 * @return the running node
	 */
	static FaultBroker start(Path home) {
		FaultBroker broker = new FaultBroker(home);
		broker.stopQuietly();
		try {
			deleteRecursively(home);
			Files.createDirectories(home.resolve("mnesia"));
			Files.createDirectories(home.resolve("log"));
			Files.writeString(home.resolve("rabbitmq.conf"), "listeners.tcp.local = 127.0.0.1:" + PORT + "\n");
			Files.writeString(home.resolve("enabled_plugins"), "[].\n");
			// rabbitmq-server drops root and runs as the rabbitmq user, which must own
			// its files.
			run(List.of("chown", "-R", "rabbitmq:rabbitmq", home.toString()), true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		broker.boot();
		return broker;
	}

	/**
	 * Starts the node again after {@link #stop()}, with the queues and streams it had.
	 */
	void boot() {
		ProcessBuilder server = new ProcessBuilder("rabbitmq-server", "-detached").redirectErrorStream(true)
			.redirectOutput(this.home.resolve("server-start.log").toFile());
		Map<String, String> env = server.environment();
		env.put("RABBITMQ_NODENAME", NODE);
		env.put("RABBITMQ_NODE_PORT", Integer.toString(PORT));
		env.put("RABBITMQ_DIST_PORT", Integer.toString(PORT + 20000));
		env.put("RABBITMQ_MNESIA_BASE", this.home.resolve("mnesia").toString());
		env.put("RABBITMQ_LOG_BASE", this.home.resolve("log").toString());
		env.put("RABBITMQ_PID_FILE", this.home.resolve("node.pid").toString());
		env.put("RABBITMQ_CONFIG_FILE", this.home.resolve("rabbitmq.conf").toString());
		env.put("RABBITMQ_ENABLED_PLUGINS_FILE", this.home.resolve("enabled_plugins").toString());
		try {
			server.start().waitFor(60, TimeUnit.SECONDS);
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not run rabbitmq-server: the fault suite needs RabbitMQ installed "
					+ "(apt-get install rabbitmq-server)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (System.nanoTime() < deadline) {
			if (run(List.of("rabbitmqctl", "-n", NODE, "await_startup"), false) == 0 && answers()) {
				return;
			}
			pause(500);
		}
		throw new IllegalStateException("RabbitMQ node " + NODE + " did not start within 90 s; see "
				+ this.home.resolve("log") + " and " + this.home.resolve("server-start.log"));
	}

	/** Stops the node, as an operator's {@code rabbitmqctl stop} would. */
	void stop() {
		if (run(List.of("rabbitmqctl", "-n", NODE, "stop", this.home.resolve("node.pid").toString()), false) != 0) {
			throw new IllegalStateException("rabbitmqctl -n " + NODE + " stop failed");
		}
	}

	private void stopQuietly() {
		run(List.of("rabbitmqctl", "-n", NODE, "stop"), false);
	}

	ConnectionFactory connectionFactory() {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost("127.0.0.1");
		factory.setPort(PORT);
		factory.setUsername("guest");
		factory.setPassword("guest");
		factory.setAutomaticRecoveryEnabled(false);
		return factory;
	}

	/**
	 * The environment that points a Warren service at this node.
	 * @return variable name to value
	 */
	Map<String, String> environment() {
		return Map.of("SPRING_RABBITMQ_HOST", "127.0.0.1", "SPRING_RABBITMQ_PORT", Integer.toString(PORT),
				"SPRING_RABBITMQ_USERNAME", "guest", "SPRING_RABBITMQ_PASSWORD", "guest");
	}

	@Override
	public void close() {
		stopQuietly();
	}

	private static boolean answers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", PORT), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int run(List<String> command, boolean required) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return -1;
			}
			if (required && process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue());
			}
			return process.exitValue();
		}
		catch (IOException ex) {
			if (required) {
				throw new UncheckedIOException(ex);
			}
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void deleteRecursively(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (var paths = Files.walk(path)) {
			for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(each);
			}
		}
	}

	static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
