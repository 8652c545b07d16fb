package dev.warren.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Where the repository's deployment files and the services' runnable jars are.
 */
final class Project {

	/** The services with an HTTP port, as their Maven modules are named. */
	static final List<String> SERVICES = List.of("publisher-service", "socket-server");

	private Project() {
	}

	static Path root() {
		return Path.of(System.getProperty("warren.root", "..")).toAbsolutePath().normalize();
	}

	static Path file(String relative) {
		Path path = root().resolve(relative);
		if (!Files.exists(path)) {
			throw new IllegalStateException(path + " does not exist");
		}
		return path;
	}

	static String read(String relative) {
		try {
			return Files.readString(file(relative));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The runnable jar the Maven build made for {@code module}.
	 * @param module the module
	 * @return the jar
	 */
	static Path execJar(String module) {
		String version = System.getProperty("warren.version", "0.1.0-SNAPSHOT");
		Path jar = root().resolve(module).resolve("target").resolve(module + "-" + version + "-exec.jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " does not exist: the deployment tests read the packaged jars, "
					+ "so run them with ./mvnw verify (not ./mvnw test)");
		}
		return jar;
	}

	/**
	 * A YAML mapping; merge keys ({@code <<}) are resolved.
	 * @param yaml the text
	 * @return the mapping
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> yamlMap(String yaml) {
		return (Map<String, Object>) new Yaml(new LoaderOptions()).load(yaml);
	}

	/**
	 * The value at a path of keys in nested mappings, or {@code null}.
	 * @param tree the root mapping
	 * @param keys the path
	 * @return the value
	 */
	@SuppressWarnings("unchecked")
	static <T> T at(Object tree, String... keys) {
		Object node = tree;
		for (String key : keys) {
			if (!(node instanceof Map<?, ?> map)) {
				return null;
			}
			node = map.get(key);
		}
		return (T) node;
	}

}
