package dev.warren.publisher.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Container;
import org.apache.qpid.server.model.SystemConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.ClassPathResource;
import org.springframework.util.FileSystemUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The in-process AMQP 0-9-1 broker of the embedded mode: Apache Qpid Broker-J with a
 * memory virtual host on 127.0.0.1, {@code guest}/{@code guest}. It lives and dies with
 * the application context.
 */
class EmbeddedBroker implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

	private static final String INITIAL_CONFIGURATION = "warren-qpid/initial-config.json";

	private static final String SYSTEM_PROPERTIES = "warren-qpid/system.properties";

	private final SystemLauncher launcher;

	private volatile SystemConfig<?> systemConfig;

	private final int port;

	private final Path workDir;

	private EmbeddedBroker(int port, Path workDir) {
		this.port = port;
		this.workDir = workDir;
		this.launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {

			@Override
			public void onContainerResolve(SystemConfig<?> config) {
				EmbeddedBroker.this.systemConfig = config;
			}

		});
	}

	/**
	 * Starts the broker and returns once it accepts connections.
	 * @param port the port on 127.0.0.1
	 * @return the running broker
	 * @throws BrokerPortTakenException when another process holds the port
	 */
	static EmbeddedBroker start(int port) {
		// Qpid reports a port it cannot bind only in its own log and starts anyway, so
		// check first and fail with a message that says what to do.
		checkPortFree(port);
		long started = System.nanoTime();
		Path workDir = createWorkDir();
		EmbeddedBroker broker = new EmbeddedBroker(port, workDir);
		try {
			broker.launcher.startup(broker.systemConfig());
		}
		catch (Exception ex) {
			broker.close();
			throw new IllegalStateException("The embedded AMQP broker failed to start on 127.0.0.1:" + port, ex);
		}
		broker.removeQpidShutdownHook();
		log.info("Embedded AMQP broker (Qpid Broker-J, in memory) listening on 127.0.0.1:{} after {} ms", port,
				(System.nanoTime() - started) / 1_000_000);
		return broker;
	}

	/**
	 * Qpid registers a JVM shutdown hook of its own, which would stop the broker while
	 * Spring is still closing the consumers and connections that use it. Without it the
	 * context stops the broker last ({@link #close()}), after everything that uses it. A
	 * one-time reflective look-up at start-up: if Qpid changes, the hook simply stays.
	 */
	private void removeQpidShutdownHook() {
		try {
			Container<?> container = this.systemConfig.getContainer();
			Field field = ReflectionUtils.findField(container.getClass(), "_shutdownHook", Thread.class);
			if (field != null) {
				ReflectionUtils.makeAccessible(field);
				Runtime.getRuntime().removeShutdownHook((Thread) field.get(container));
			}
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			log.debug("Could not remove Qpid's shutdown hook; the broker may stop before the application", ex);
		}
	}

	int getPort() {
		return this.port;
	}

	private Map<String, Object> systemConfig() throws IOException {
		Map<String, Object> context = new HashMap<>();
		context.put("qpid.amqp_port", String.valueOf(this.port));
		context.put(SystemConfig.QPID_WORK_DIR, this.workDir.toString());
		// No preferences file: the broker keeps nothing on disk.
		context.put("qpid.broker.defaultPreferenceStoreAttributes", "{\"type\": \"Noop\"}");
		Map<String, Object> attributes = new HashMap<>();
		attributes.put(SystemConfig.TYPE, "Memory");
		// Inside a Boot fat jar Qpid's default "classpath:" URLs do not resolve; real
		// resource URLs (jar:nested:...) do.
		attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, resourceUrl(INITIAL_CONFIGURATION));
		attributes.put(SystemConfig.INITIAL_SYSTEM_PROPERTIES_LOCATION, resourceUrl(SYSTEM_PROPERTIES));
		attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
		attributes.put(SystemConfig.CONTEXT, context);
		return attributes;
	}

	private static String resourceUrl(String path) throws IOException {
		return new ClassPathResource(path, EmbeddedBroker.class.getClassLoader()).getURL().toExternalForm();
	}

	private static void checkPortFree(int port) {
		try (ServerSocket probe = new ServerSocket()) {
			probe.setReuseAddress(true);
			probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		}
		catch (BindException ex) {
			throw new BrokerPortTakenException(port, ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not check port " + port + " for the embedded broker", ex);
		}
	}

	private static Path createWorkDir() {
		try {
			return Files.createTempDirectory("warren-qpid-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create the embedded broker's work directory", ex);
		}
	}

	@Override
	public void close() {
		try {
			this.launcher.shutdown();
		}
		finally {
			FileSystemUtils.deleteRecursively(this.workDir.toFile());
		}
	}

}
