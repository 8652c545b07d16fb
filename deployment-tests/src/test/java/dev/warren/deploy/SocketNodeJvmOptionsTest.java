package dev.warren.deploy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way of starting a socket node gives its JVM the same options: the image (which
 * docker-compose and the Helm chart run), {@code ./warren}, the README's commands and the
 * benchmark. The young generation cap is what the node's figures in docs/benchmarks.md
 * were measured with.
 */
class SocketNodeJvmOptionsTest {

	static final String YOUNG_GENERATION_CAP = "-XX:MaxNewSize=64m";

	private static final Pattern WARREN_DEFAULT = Pattern.compile("^SOCKET_JAVA_OPTS=\\$\\{SOCKET_JAVA_OPTS:-(.*)}$",
			Pattern.MULTILINE);

	private static final Pattern BENCH_DEFAULT = Pattern.compile("^NODE_DEFAULT_JAVA_OPTS=\\((.*)\\)$",
			Pattern.MULTILINE);

	@Test
	void theSocketServerImageAddsTheCapToTheRuntimesOptions() {
		Dockerfile dockerfile = Dockerfile.read();
		String runtime = dockerfile.environment("runtime").get("JAVA_TOOL_OPTIONS");
		assertThat(dockerfile.environment("socket-server").get("JAVA_TOOL_OPTIONS"))
			.isEqualTo(runtime + " " + YOUNG_GENERATION_CAP);
		// Measured for the node's many small sessions, not for the publisher.
		assertThat(dockerfile.environment("publisher-service").get("JAVA_TOOL_OPTIONS")).isEqualTo(runtime);
	}

	@Test
	void composeAndTheChartLeaveTheImagesOptionsInPlace() {
		ComposeFile compose = ComposeFile.resolved();
		for (String node : List.of("socket-a", "socket-b")) {
			assertThat(compose.environment(node)).as(node).doesNotContainKey("JAVA_TOOL_OPTIONS");
		}
		for (RenderedChart chart : List.of(RenderedChart.defaults(), RenderedChart.externalServices())) {
			assertThat(chart.environment(HelmChartTest.SOCKET)).doesNotContainKey("JAVA_TOOL_OPTIONS");
		}
	}

	@Test
	void warrenStartsTheNodeWithTheSameOptions() {
		String script = withTheCapByDefault("warren", WARREN_DEFAULT);
		assertThat(script).containsPattern("\"\\$JAVA\" \\$SOCKET_JAVA_OPTS -jar \"\\$SOCKET_JAR\"");
	}

	@Test
	void theReadmeStartsTheNodeWithTheSameOptions() {
		List<String> commands = Project.read("README.md")
			.lines()
			.filter((line) -> line.contains("-jar socket-server/"))
			.toList();
		assertThat(commands).isNotEmpty().allSatisfy((line) -> assertThat(line).contains(YOUNG_GENERATION_CAP));
	}

	@Test
	void theBenchmarkStartsItsNodesWithTheSameOptions() {
		String script = withTheCapByDefault("bench/run.sh", BENCH_DEFAULT);
		assertThat(script).contains("[[ $name == node-* ]] && extra=(\"${NODE_DEFAULT_JAVA_OPTS[@]}\")");
	}

	/**
	 * The script, once its default node options ({@code defaults}' group) are the cap.
	 */
	private static String withTheCapByDefault(String path, Pattern defaults) {
		String script = Project.read(path);
		Matcher matcher = defaults.matcher(script);
		assertThat(matcher.find()).as(path + " sets the node's default JVM options").isTrue();
		assertThat(matcher.group(1)).isEqualTo(YOUNG_GENERATION_CAP);
		return script;
	}

}
