package dev.warren.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.warren.testsupport.RealServices;
import dev.warren.testsupport.TopicRulesResponder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the images built from the root {@code Dockerfile} hold, checked without an engine:
 * the instructions of each target, and the runtime layout itself, made here exactly as
 * the build stage makes it (Boot's tools jar mode) and started with the image's entry
 * point and environment until its health check passes.
 */
class DockerfileTest {

	private static final Pattern HEALTH_URL = Pattern.compile("\"(http://127\\.0\\.0\\.1:\\$\\{SERVER_PORT}(/\\S*))\"");

	private final Dockerfile dockerfile = Dockerfile.read();

	@ParameterizedTest
	@ValueSource(strings = { "publisher-service", "socket-server", "test-sub-client" })
	void everyServiceImageRunsItsOwnJarAsAnUnprivilegedUser(String module) {
		assertThat(this.dockerfile.last(module, "USER")).isEqualTo("10001:10001");
		assertThat(String.join(" ", this.dockerfile.all(module, "RUN"))).contains("useradd --system --uid 10001");
		assertThat(this.dockerfile.last(module, "ENTRYPOINT"))
			.isEqualTo("[\"java\", \"-jar\", \"" + module + ".jar\"]");
		assertThat(this.dockerfile.all(module, "COPY")).containsExactly(
				"--from=build /layers/" + module + "/dependencies/ ./",
				"--from=build /layers/" + module + "/snapshot-dependencies/ ./",
				"--from=build /layers/" + module + "/application/ ./");
		assertThat(this.dockerfile.environment(module).get("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=")
			.contains("-XX:+ExitOnOutOfMemoryError");
		assertThat(this.dockerfile.last(module, "STOPSIGNAL")).isEqualTo("SIGTERM");
	}

	@ParameterizedTest
	@ValueSource(strings = { "publisher-service", "socket-server" })
	void servicesExposeTheirPortAndCheckTheirReadiness(String module) throws IOException {
		String port = defaultPort(module);
		assertThat(this.dockerfile.environment(module)).containsEntry("SERVER_PORT", port);
		if (module.equals("socket-server")) {
			// The Netty edge, where clients connect, listens on a port of its own.
			String edgePort = ApplicationProperties.of(module).defaultOf("warren.socket.edge.port").get(0);
			assertThat(this.dockerfile.environment(module)).containsEntry("WARREN_SOCKET_EDGE_PORT", edgePort);
			assertThat(this.dockerfile.last(module, "EXPOSE")).isEqualTo(port + " " + edgePort);
		}
		else {
			assertThat(this.dockerfile.last(module, "EXPOSE")).isEqualTo(port);
		}
		String healthcheck = this.dockerfile.last(module, "HEALTHCHECK");
		assertThat(healthcheck).contains("CMD curl -fsS");
		Matcher url = HEALTH_URL.matcher(healthcheck);
		assertThat(url.find()).as(healthcheck).isTrue();
		assertThat(url.group(2)).isEqualTo("/actuator/health/readiness");
		// curl must be in the runtime image for the check to run at all.
		assertThat(String.join(" ", this.dockerfile.all(module, "RUN"))).contains("apt-get install").contains(" curl");
	}

	@Test
	void theCommandLineClientHasNoHealthCheckAndRunsFromItsImageLayout(@TempDir Path work) throws IOException {
		assertThat(this.dockerfile.last("test-sub-client", "HEALTHCHECK")).isEqualTo("NONE");
		Path app = imageLayout("test-sub-client", work);
		Commands.Result help = Commands.run(app, null,
				List.of(Processes.java(), "-jar", "test-sub-client.jar", "--help"));
		assertThat(help.exitCode()).as(help.output()).isZero();
		assertThat(help.output()).contains("load");
	}

	@Test
	void theBuildContextLeavesOutLocalBuildsAndSecrets() {
		assertThat(Project.read(".dockerignore").lines()).contains("**/target/", ".env", "data/", ".git/");
	}

	@Test
	void publisherServiceImageLayoutStartsAndPassesItsHealthCheck(@TempDir Path work) throws Exception {
		Map<String, String> env = new HashMap<>(serviceEnvironment());
		env.putAll(RealServices.databaseEnvironment());
		env.put("WARREN_ADMIN_TOKEN", "dockerfile-test-admin-token-of-32-chars");
		runImageLayout("publisher-service", work, env);
	}

	@Test
	void socketServerImageLayoutStartsAndPassesItsHealthCheck(@TempDir Path work) throws Exception {
		// Its readiness waits for the topic rules, which publisher-service answers.
		try (TopicRulesResponder rules = TopicRulesResponder.start()) {
			runImageLayout("socket-server", work, serviceEnvironment());
		}
	}

	/**
	 * Builds the image's /app directory the way the Dockerfile does, starts its entry
	 * point with the image's environment plus {@code env}, waits for the HEALTHCHECK URL
	 * to answer 200, then stops it with the image's stop signal.
	 */
	private void runImageLayout(String module, Path work, Map<String, String> env) throws Exception {
		Path app = imageLayout(module, work);
		List<String> entrypoint = new ArrayList<>(List
			.of(JsonMapper.builder().build().readValue(this.dockerfile.last(module, "ENTRYPOINT"), String[].class)));
		entrypoint.set(0, Processes.java());
		Matcher url = HEALTH_URL.matcher(this.dockerfile.last(module, "HEALTHCHECK"));
		assertThat(url.find()).isTrue();
		String javaToolOptions = this.dockerfile.environment(module)
			.get("JAVA_TOOL_OPTIONS")
			.replaceAll("MaxRAMPercentage=\\d+", "MaxRAMPercentage=2");
		// A free port can be taken by someone else before the service binds it: try
		// again.
		for (int attempt = 1;; attempt++) {
			int port = Processes.freePort();
			ProcessBuilder builder = new ProcessBuilder(entrypoint).directory(app.toFile())
				.redirectErrorStream(true)
				.redirectOutput(work.resolve("out.log").toFile());
			builder.environment().keySet().removeIf((key) -> key.startsWith("SPRING_") || key.startsWith("WARREN_"));
			builder.environment().putAll(this.dockerfile.environment(module));
			// The image's JVM options with a heap share that suits a test machine.
			builder.environment().put("JAVA_TOOL_OPTIONS", javaToolOptions);
			builder.environment().put("SERVER_PORT", Integer.toString(port));
			if (builder.environment().containsKey("WARREN_SOCKET_EDGE_PORT")) {
				builder.environment().put("WARREN_SOCKET_EDGE_PORT", Integer.toString(Processes.freePort()));
			}
			builder.environment().putAll(env);
			URI health = URI.create(url.group(1).replace("${SERVER_PORT}", Integer.toString(port)));
			Process process = builder.start();
			try {
				Processes.awaitOk(process, health, work.resolve("out.log"));
				break;
			}
			catch (AssertionError ex) {
				if (attempt == 3 || !Files.readString(work.resolve("out.log")).contains("already in use")) {
					throw ex;
				}
			}
			finally {
				// STOPSIGNAL SIGTERM: Spring shuts down gracefully and the JVM exits.
				process.destroy();
				boolean stopped = process.waitFor(40, TimeUnit.SECONDS);
				if (!stopped) {
					process.destroyForcibly();
				}
				assertThat(stopped).as(module + " stops within its grace period on SIGTERM").isTrue();
			}
		}
		assertThat(Files.readString(work.resolve("out.log"))).as("the JVM read the image's options")
			.contains("Picked up JAVA_TOOL_OPTIONS: " + javaToolOptions)
			.contains("-XX:MaxRAMPercentage=2");
	}

	/**
	 * The image's /app directory, made as the Dockerfile makes it: the runnable jar
	 * copied to {@code <module>.jar}, split by Boot's tools jar mode, and the layers the
	 * runtime stage copies merged in the order it copies them.
	 */
	private Path imageLayout(String module, Path work) throws IOException {
		Path jar = work.resolve(module + ".jar");
		Files.copy(Project.execJar(module), jar);
		Path layers = work.resolve("layers");
		Commands.Result extract = Commands.run(work, null, List.of(Processes.java(), "-Djarmode=tools", "-jar",
				jar.toString(), "extract", "--layers", "--destination", layers.toString()));
		assertThat(extract.exitCode()).as(extract.output()).isZero();
		Path app = Files.createDirectories(work.resolve("app"));
		for (String copy : this.dockerfile.all(module, "COPY")) {
			String source = copy.split(" ")[1];
			String layer = Path.of(source).getFileName().toString();
			FileSystemUtils.copyRecursively(layers.resolve(layer), app);
		}
		assertThat(app.resolve(module + ".jar")).isRegularFile();
		return app;
	}

	private static Map<String, String> serviceEnvironment() {
		Map<String, String> env = new HashMap<>(RealServices.rabbitEnvironment());
		env.put("WARREN_JWT_SECRET", "deployment-test-secret-of-at-least-32-bytes");
		return env;
	}

	/** {@code server.port} in the service's own application.properties. */
	private static String defaultPort(String module) throws IOException {
		try (JarFile jar = new JarFile(Project.execJar(module).toFile());
				InputStream in = jar.getInputStream(jar.getEntry("BOOT-INF/classes/application.properties"))) {
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty("server.port");
		}
	}

}
