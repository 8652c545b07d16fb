package dev.warren.socket;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class SocketPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Config.class);

	@Test
	void defaults() {
		this.runner.run((context) -> {
			SocketProperties properties = context.getBean(SocketProperties.class);
			assertThat(properties.allowedOrigins()).containsExactly("http://localhost:[*]", "http://127.0.0.1:[*]");
			assertThat(properties.heartbeat()).containsExactly(10_000, 10_000);
			assertThat(properties.maxQueuedMessages()).isEqualTo(1000);
			assertThat(properties.maxQueuedBytes()).isEqualTo(DataSize.ofMegabytes(8));
			assertThat(properties.sendTimeLimit()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.messageSizeLimit()).isEqualTo(DataSize.ofKilobytes(64));
			assertThat(properties.frameBufferSize()).isEqualTo(DataSize.ofKilobytes(1));
			assertThat(properties.ioBufferSize()).isEqualTo(DataSize.ofKilobytes(2));
			assertThat(properties.nodeId()).isEmpty();
			assertThat(properties.defaultContentType()).isEqualTo("application/json");
		});
	}

	@Test
	void invalidQueueBoundStopsStartUp() {
		this.runner.withPropertyValues("warren.socket.max-queued-messages=0")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void invalidNodeIdStopsStartUp() {
		this.runner.withPropertyValues("warren.socket.node-id=a/b").run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void buffersTooSmallOrLargerThanTheFrameLimitStopStartUp() {
		this.runner.withPropertyValues("warren.socket.frame-buffer-size=100B")
			.run((context) -> assertThat(context).hasFailed());
		this.runner.withPropertyValues("warren.socket.io-buffer-size=512B")
			.run((context) -> assertThat(context).hasFailed());
		this.runner.withPropertyValues("warren.socket.frame-buffer-size=128KB")
			.run((context) -> assertThat(context).hasFailed());
		this.runner.withPropertyValues("warren.socket.frame-buffer-size=4KB", "warren.socket.io-buffer-size=8KB")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void heartbeatsAreConfigurable() {
		this.runner.withPropertyValues("warren.socket.heartbeat-send=5s", "warren.socket.heartbeat-receive=0")
			.run((context) -> assertThat(context.getBean(SocketProperties.class).heartbeat()).containsExactly(5000, 0));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SocketProperties.class)
	static class Config {

	}

}
