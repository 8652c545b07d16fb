package dev.warren.publisher.ingest;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class IngestPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Properties.class);

	@Test
	void defaults() {
		this.runner.run((context) -> {
			IngestProperties properties = context.getBean(IngestProperties.class);
			assertThat(properties.prefetch()).isEqualTo(1000);
			assertThat(properties.entryMaxMessages()).isEqualTo(128);
			assertThat(properties.entryLinger()).isEqualTo(Duration.ofMillis(5));
			assertThat(properties.ackBatch()).isEqualTo(32);
			assertThat(properties.maxBodyBytes()).isEqualTo(65536);
			assertThat(properties.recoveryInterval()).isEqualTo(Duration.ofSeconds(5));
		});
	}

	@Test
	void invalidPrefetchStopsStartUp() {
		this.runner.withPropertyValues("warren.ingest.prefetch=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("prefetch");
		});
	}

	@Test
	void invalidAckBatchStopsStartUp() {
		this.runner.withPropertyValues("warren.ingest.ack-batch=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("ackBatch");
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(IngestProperties.class)
	static class Properties {

	}

}
