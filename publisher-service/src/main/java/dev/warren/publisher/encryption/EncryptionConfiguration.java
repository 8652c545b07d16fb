package dev.warren.publisher.encryption;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.warren.common.EmbeddedModeEnvironmentPostProcessor;

/**
 * Client keys and what seals messages with them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EncryptionProperties.class)
class EncryptionConfiguration {

	@Bean
	ClientKeys clientKeys(JdbcClient jdbc, EncryptionProperties properties, Environment environment, Clock clock) {
		boolean embedded = environment.getProperty(EmbeddedModeEnvironmentPostProcessor.EMBEDDED_PROPERTY,
				Boolean.class, false);
		ClientKeys keys = new ClientKeys(jdbc, MasterKey.resolve(properties, embedded), clock);
		// At start a failure stops the start: delivering in clear to a client that asked
		// for encryption is worse than not starting.
		keys.refresh();
		return keys;
	}

	@Bean
	Sealing sealing(ClientKeys keys, EncryptedTopics topics) {
		return new Sealing(keys, topics);
	}

	@Bean
	EncryptedTopics encryptedTopics(JdbcClient jdbc) {
		EncryptedTopics topics = new EncryptedTopics(jdbc);
		topics.refresh();
		return topics;
	}

}
