package dev.warren.common;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LogFormatEnvironmentPostProcessorTests {

	private final LogFormatEnvironmentPostProcessor processor = new LogFormatEnvironmentPostProcessor();

	@Test
	void jsonTurnsOnEcsAndLeavesOutTheBanner() {
		MockEnvironment environment = new MockEnvironment().withProperty("warren.log-format", "JSON");
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
		assertThat(environment.getProperty("spring.main.banner-mode")).isEqualTo("off");
	}

	@Test
	void textAndNothingLeaveBootsPattern() {
		for (MockEnvironment environment : new MockEnvironment[] { new MockEnvironment(),
				new MockEnvironment().withProperty("warren.log-format", "text") }) {
			this.processor.postProcessEnvironment(environment, new SpringApplication());
			assertThat(environment.getProperty("logging.structured.format.console")).isNull();
			assertThat(environment.getProperty("spring.main.banner-mode")).isNull();
		}
	}

	@Test
	void aFormatSetExplicitlyWins() {
		MockEnvironment environment = new MockEnvironment().withProperty("warren.log-format", "json")
			.withProperty("logging.structured.format.console", "logstash");
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("logstash");
	}

	@Test
	void anUnknownFormatStopsTheStartAndNamesTheAcceptedOnes() {
		MockEnvironment environment = new MockEnvironment().withProperty("warren.log-format", "yaml");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.processor.postProcessEnvironment(environment, new SpringApplication()))
			.withMessage("WARREN_LOG_FORMAT (warren.log-format) must be json or text, not 'yaml'");
	}

}
