package dev.warren.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code docker-compose.yml} as Compose itself resolves it: Debian's
 * {@code docker-compose} validates the file against the Compose specification and prints
 * it with variables interpolated from {@code .env.example} and YAML merges applied. No
 * engine is needed.
 */
final class ComposeFile {

	private static ComposeFile resolved;

	private final Map<String, Object> config;

	private ComposeFile(Map<String, Object> config) {
		this.config = config;
	}

	static Commands.Result compose(String envFile, String... arguments) {
		List<String> command = new ArrayList<>(
				List.of("docker-compose", "--env-file", envFile, "-f", "docker-compose.yml"));
		command.addAll(List.of(arguments));
		try {
			return Commands.run(Project.root(), null, command);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(
					"docker-compose is needed to validate docker-compose.yml: apt-get install -y docker-compose", ex);
		}
	}

	/**
	 * The file as resolved with the variables of {@code .env.example}.
	 * @return the resolved file
	 */
	static synchronized ComposeFile resolved() {
		// One docker-compose run per test JVM: the file does not change while tests read
		// it.
		if (resolved == null) {
			Commands.Result result = compose(".env.example", "config");
			if (result.exitCode() != 0) {
				throw new AssertionError("docker-compose config failed:\n" + result.output());
			}
			resolved = new ComposeFile(Project.yamlMap(result.output()));
		}
		return resolved;
	}

	Map<String, Object> service(String name) {
		Map<String, Object> service = Project.at(this.config, "services", name);
		if (service == null) {
			throw new AssertionError("docker-compose.yml has no service " + name);
		}
		return service;
	}

	Map<String, Object> services() {
		return Project.at(this.config, "services");
	}

	/**
	 * A service's environment, values as strings.
	 * @param name the service
	 * @return variable name to value
	 */
	Map<String, String> environment(String name) {
		Map<String, Object> env = Project.at(service(name), "environment");
		Map<String, String> result = new TreeMap<>();
		if (env != null) {
			env.forEach((key, value) -> result.put(key, String.valueOf(value)));
		}
		return result;
	}

}
