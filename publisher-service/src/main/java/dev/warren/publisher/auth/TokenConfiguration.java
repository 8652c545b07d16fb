package dev.warren.publisher.auth;

import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.warren.common.EmbeddedModeEnvironmentPostProcessor;
import dev.warren.common.token.HmacTokens;
import dev.warren.common.token.TokenSecrets;
import dev.warren.common.token.WarrenJwtProperties;

/**
 * The token issuer. Outside the embedded mode a missing or short
 * {@code WARREN_JWT_SECRET} stops start-up.
 */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	HmacTokens hmacTokens(WarrenJwtProperties properties,
			@Value("${" + EmbeddedModeEnvironmentPostProcessor.EMBEDDED_PROPERTY + ":false}") boolean embedded,
			Clock clock) {
		byte[] secret;
		try {
			secret = TokenSecrets.resolve(properties, embedded);
		}
		catch (IllegalStateException ex) {
			throw new TokenSecretException(ex.getMessage(), ex);
		}
		return new HmacTokens(secret, clock);
	}

	@Bean
	TokenIssuer tokenIssuer(HmacTokens tokens, WarrenJwtProperties properties) {
		return new TokenIssuer(tokens, properties.ttl());
	}

}
