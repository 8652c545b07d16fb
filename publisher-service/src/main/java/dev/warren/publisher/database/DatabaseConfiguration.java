package dev.warren.publisher.database;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How long a request may wait on the database before it is answered 503.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	/** A connection attempt to an unreachable server. */
	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	/**
	 * A read without an answer: a Warren query takes milliseconds, so this only ends
	 * waits on a dead peer (generous, for migrations on large tables).
	 */
	static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

	@Bean
	static DatabaseTimeouts databaseTimeouts() {
		return new DatabaseTimeouts(CONNECT_TIMEOUT, SOCKET_TIMEOUT);
	}

}
