package dev.warren.publisher.auth;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.warren.common.token.HmacTokens;
import dev.warren.common.token.WarrenJwtProperties;

import static org.assertj.core.api.Assertions.assertThat;

class TokenConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(JwtPropertiesConfiguration.class, TokenConfiguration.class);

	@Test
	void outsideTheEmbeddedModeAMissingSecretStopsStartUp() {
		this.runner.withPropertyValues("warren.embedded=false").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("WARREN_JWT_SECRET (warren.jwt.secret) is required outside the embedded mode");
		});
	}

	@Test
	void aShortSecretStopsStartUp() {
		this.runner.withPropertyValues("warren.embedded=false", "warren.jwt.secret=short").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("at least 32 bytes");
		});
	}

	@Test
	void aConfiguredSecretIssuesVerifiableTokens() {
		this.runner.withPropertyValues("warren.embedded=false", "warren.jwt.secret=" + "s".repeat(32))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				String token = context.getBean(TokenIssuer.class).issue("c-1").value();
				assertThat(context.getBean(HmacTokens.class).verify(token).clientId()).isEqualTo("c-1");
			});
	}

	@Test
	void analyzerRepeatsTheMessage() {
		TokenSecretException failure = new TokenSecretException("WARREN_JWT_SECRET is required", null);
		FailureAnalysis analysis = new TokenSecretFailureAnalyzer().analyze(failure);
		assertThat(analysis.getDescription()).isEqualTo("WARREN_JWT_SECRET is required");
		assertThat(analysis.getAction()).contains("WARREN_JWT_SECRET");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(WarrenJwtProperties.class)
	static class JwtPropertiesConfiguration {

	}

}
