package dev.warren.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every configuration property one service knows, read from the
 * {@code META-INF/spring-configuration-metadata.json} files in its runnable jar (Warren's
 * own, from {@code spring-boot-configuration-processor}, and each library's), and the
 * environment variables that bind to them under Spring Boot's relaxed binding.
 */
final class ApplicationProperties {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String service;

	/**
	 * Environment variable forms of every scalar or list property: dashes removed
	 * ({@code SPRING_RABBITMQ_VIRTUALHOST}) and Boot's legacy form with dashes as
	 * underscores ({@code SPRING_RABBITMQ_VIRTUAL_HOST}).
	 */
	private final Set<String> variables = new HashSet<>();

	/** Environment variable prefixes of map properties ({@code LOGGING_LEVEL_}). */
	private final Set<String> mapPrefixes = new HashSet<>();

	private final Set<String> properties = new HashSet<>();

	/** Default values as the metadata gives them, rendered as an operator writes them. */
	private final Map<String, List<String>> defaults = new HashMap<>();

	private ApplicationProperties(String service) {
		this.service = service;
	}

	/**
	 * The properties of {@code module}'s runnable jar.
	 * @param module the service's module
	 * @return its properties
	 */
	static ApplicationProperties of(String module) {
		ApplicationProperties known = new ApplicationProperties(module);
		Path jar = Project.execJar(module);
		try (JarFile file = new JarFile(jar.toFile())) {
			Enumeration<JarEntry> entries = file.entries();
			while (entries.hasMoreElements()) {
				JarEntry entry = entries.nextElement();
				// The service's own metadata sits at the jar's root (Boot moves META-INF
				// there).
				if (entry.getName().equals(METADATA) || entry.getName().equals("BOOT-INF/classes/" + METADATA)) {
					try (InputStream in = file.getInputStream(entry)) {
						known.read(in);
					}
				}
				else if (entry.getName().startsWith("BOOT-INF/lib/") && entry.getName().endsWith(".jar")) {
					try (JarInputStream nested = new JarInputStream(file.getInputStream(entry))) {
						for (JarEntry inner = nested.getNextJarEntry(); inner != null; inner = nested
							.getNextJarEntry()) {
							if (inner.getName().equals(METADATA)) {
								known.read(nested);
							}
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return known;
	}

	private void read(InputStream metadata) throws IOException {
		JsonNode root = json.readTree(metadata.readAllBytes());
		for (JsonNode property : root.path("properties")) {
			String name = property.path("name").asString();
			String type = property.path("type").asString("");
			this.properties.add(name);
			JsonNode defaultValue = property.get("defaultValue");
			if (defaultValue != null && !defaultValue.isNull() && !defaultValue.asString("x").isEmpty()) {
				List<String> values = new ArrayList<>();
				if (defaultValue.isArray()) {
					defaultValue.forEach((value) -> values.add(value.asString()));
				}
				else if (defaultValue.asString().matches("\\[.*]")) {
					// A list default the processor wrote as one string: "[a, b]".
					String list = defaultValue.asString();
					values.addAll(List.of(list.substring(1, list.length() - 1).split(", ")));
				}
				else {
					values.add(defaultValue.asString());
				}
				this.defaults.put(name, values);
			}
			if (type.startsWith("java.util.Map")) {
				this.mapPrefixes.add(variable(name) + "_");
				this.mapPrefixes.add(legacyVariable(name) + "_");
			}
			else {
				this.variables.add(variable(name));
				this.variables.add(legacyVariable(name));
			}
		}
	}

	/**
	 * The environment variable Spring Boot binds to {@code property}: upper case, dots to
	 * underscores, dashes removed.
	 * @param property canonical property name
	 * @return the variable name
	 */
	static String variable(String property) {
		return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
	}

	/**
	 * The legacy form Spring Boot also binds: dashes as underscores.
	 * @param property canonical property name
	 * @return the variable name
	 */
	static String legacyVariable(String property) {
		return property.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
	}

	boolean binds(String variable) {
		if (this.variables.contains(variable)) {
			return true;
		}
		return this.mapPrefixes.stream().anyMatch(variable::startsWith);
	}

	boolean hasProperty(String name) {
		return this.properties.contains(name);
	}

	/**
	 * The property names starting with {@code prefix}.
	 * @param prefix the prefix
	 * @return the names
	 */
	Set<String> names(String prefix) {
		return this.properties.stream().filter((name) -> name.startsWith(prefix)).collect(Collectors.toSet());
	}

	/**
	 * The default of a property, each element of a list default on its own.
	 * @param name the property
	 * @return the default, empty when the metadata gives none
	 */
	List<String> defaultOf(String name) {
		return this.defaults.getOrDefault(name, List.of());
	}

	@Override
	public String toString() {
		return this.service + " (" + this.properties.size() + " properties)";
	}

}
