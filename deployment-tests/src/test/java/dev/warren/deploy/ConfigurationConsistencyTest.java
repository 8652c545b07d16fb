package dev.warren.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deployment files and code cannot drift apart: every variable docker-compose.yml or the
 * Helm chart sets must bind to a property the service has (its configuration metadata
 * under Spring Boot's relaxed binding), and what a service cannot run without must be
 * set.
 */
class ConfigurationConsistencyTest {

	static final Set<String> BOTH_REQUIRE = Set.of("SPRING_RABBITMQ_HOST", "SPRING_RABBITMQ_USERNAME",
			"SPRING_RABBITMQ_PASSWORD", "SPRING_RABBITMQ_VIRTUAL_HOST", "WARREN_JWT_SECRET");

	static final Set<String> PUBLISHER_REQUIRES = Set.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
			"SPRING_DATASOURCE_PASSWORD", "WARREN_PUBLISHER_SOCKET_URL", "WARREN_ADMIN_TOKEN");

	static ApplicationProperties publisher;

	static ApplicationProperties socket;

	@BeforeAll
	static void readMetadata() {
		publisher = ApplicationProperties.of("publisher-service");
		socket = ApplicationProperties.of("socket-server");
	}

	@Test
	void metadataCoversWarrensOwnPropertiesAndSpringBoots() {
		// Without these the checks below would pass on an empty list.
		assertThat(publisher.hasProperty("warren.jwt.secret")).isTrue();
		assertThat(publisher.hasProperty("warren.ingest.prefetch")).isTrue();
		assertThat(publisher.hasProperty("warren.test-mode")).isTrue();
		assertThat(publisher.hasProperty("spring.datasource.url")).isTrue();
		assertThat(socket.hasProperty("warren.socket.max-queued-messages")).isTrue();
		assertThat(socket.hasProperty("spring.rabbitmq.host")).isTrue();
		assertThat(socket.hasProperty("warren.ingest.prefetch")).as("a publisher property").isFalse();
		assertThat(socket.binds("WARREN_SOCKET_MAXQUEUEDMESSAGES")).isTrue();
		assertThat(socket.binds("LOGGING_LEVEL_DEV_WARREN")).as("a map property").isTrue();
		assertThat(socket.binds("WARREN_SOCKET_MAX_QUEUED_MESAGES")).as("a typo").isFalse();
	}

	@Test
	void composeSetsOnlyWhatTheServicesKnowAndAllTheyNeed() {
		ComposeFile compose = ComposeFile.resolved();
		assertConsistent("docker-compose publisher-service", compose.environment("publisher-service"), publisher,
				PUBLISHER_REQUIRES);
		for (String node : List.of("socket-a", "socket-b")) {
			assertConsistent("docker-compose " + node, compose.environment(node), socket, Set.of());
		}
	}

	@Test
	void helmSetsOnlyWhatTheServicesKnowAndAllTheyNeed() {
		Map<String, RenderedChart> renderings = Map.of("default values", RenderedChart.defaults(),
				"external-services values", RenderedChart.externalServices());
		renderings.forEach((values, chart) -> {
			assertConsistent("helm (" + values + ") publisher", chart.environment(HelmChartTest.PUBLISHER), publisher,
					PUBLISHER_REQUIRES);
			assertConsistent("helm (" + values + ") socket", chart.environment(HelmChartTest.SOCKET), socket, Set.of());
		});
	}

	@Test
	void theImagesSetOnlyWhatTheServicesKnow() {
		Dockerfile dockerfile = Dockerfile.read();
		for (String service : Project.SERVICES) {
			ApplicationProperties known = service.equals("socket-server") ? socket : publisher;
			Set<String> env = dockerfile.environment(service).keySet();
			assertThat(env).contains("SERVER_PORT", "JAVA_TOOL_OPTIONS");
			// JAVA_TOOL_OPTIONS is read by the JVM, not by Spring.
			assertThat(env.stream().filter((name) -> !name.equals("JAVA_TOOL_OPTIONS")).filter((n) -> !known.binds(n)))
				.as(service + " image variables no property binds")
				.isEmpty();
		}
	}

	@Test
	void operationsGuideDocumentsEveryWarrenPropertyWithItsDefaultAndNoOther() {
		Map<String, String> documented = documentedDefaults();
		Set<String> known = new TreeSet<>();
		known.addAll(publisher.names("warren."));
		known.addAll(socket.names("warren."));
		// warren.embedded is set by Warren itself to mark the embedded mode, never by
		// operators.
		known.remove("warren.embedded");
		assertThat(known).as("warren.* properties missing from docs/operations.md").isSubsetOf(documented.keySet());
		assertThat(documented.keySet()).as("properties in docs/operations.md that no service has").isSubsetOf(known);
		for (String property : known) {
			List<String> defaults = publisher.hasProperty(property) ? publisher.defaultOf(property)
					: socket.defaultOf(property);
			for (String value : defaults) {
				assertThat(documented.get(property)).as("default of " + property + " in docs/operations.md")
					.containsIgnoringCase(value);
			}
		}
	}

	/**
	 * Property name to the default column of its row, for each row of the guide's tables
	 * whose first cell names {@code warren.*} properties.
	 */
	private static Map<String, String> documentedDefaults() {
		Map<String, String> documented = new TreeMap<>();
		Pattern name = Pattern.compile("`(warren\\.[a-z0-9.-]+)`");
		for (String line : Project.read("docs/operations.md").lines().filter((l) -> l.startsWith("| `")).toList()) {
			String[] cells = line.split("\\|");
			Matcher matcher = name.matcher(cells[1]);
			while (matcher.find()) {
				documented.put(matcher.group(1), cells[2]);
			}
		}
		return documented;
	}

	private static void assertConsistent(String where, Map<String, String> env, ApplicationProperties known,
			Set<String> alsoRequired) {
		Set<String> unknown = env.keySet()
			.stream()
			.filter((name) -> !known.binds(name))
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(unknown).as(where + ": variables that bind to no property of " + known).isEmpty();
		assertThat(env.keySet()).as(where + ": required variables").containsAll(BOTH_REQUIRE).containsAll(alsoRequired);
	}

}
