package dev.warren.socket.auth;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.warren.common.EmbeddedModeEnvironmentPostProcessor;
import dev.warren.common.token.HmacTokens;
import dev.warren.common.token.TokenSecrets;
import dev.warren.common.token.TokenVerifier;
import dev.warren.common.token.WarrenJwtProperties;
import dev.warren.socket.monitor.NodeWarnings;

/**
 * Token verification with the secret shared with publisher-service.
 */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

	@Bean
	TokenVerifier tokenVerifier(WarrenJwtProperties jwt,
			@Value("${" + EmbeddedModeEnvironmentPostProcessor.EMBEDDED_PROPERTY + ":false}") boolean embedded) {
		return new HmacTokens(TokenSecrets.resolve(jwt, embedded), Clock.systemUTC());
	}

	@Bean
	ConnectAuthenticator connectAuthenticator(TokenVerifier verifier, MeterRegistry meters, NodeWarnings warnings) {
		return new ConnectAuthenticator(verifier, meters, warnings);
	}

}
