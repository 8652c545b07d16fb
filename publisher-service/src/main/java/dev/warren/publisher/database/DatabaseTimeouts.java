package dev.warren.publisher.database;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Bounds how long a request can wait on an unreachable MySQL or MariaDB: a connection
 * attempt gives up after {@code connectTimeout}, a read on a connection whose peer
 * vanished without a reset after {@code socketTimeout}. The pool's own limit
 * ({@code spring.datasource.hikari.connection-timeout}) bounds the wait for a connection.
 * Set only where the URL does not say otherwise; H2 (the embedded mode) has no network.
 */
final class DatabaseTimeouts implements BeanPostProcessor {

	private final Duration connect;

	private final Duration socket;

	DatabaseTimeouts(Duration connect, Duration socket) {
		this.connect = connect;
		this.socket = socket;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource hikari && isNetworked(hikari.getJdbcUrl())) {
			setUnlessInUrl(hikari, "connectTimeout", this.connect);
			setUnlessInUrl(hikari, "socketTimeout", this.socket);
		}
		return bean;
	}

	private static boolean isNetworked(String url) {
		return url != null && (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:"));
	}

	private static void setUnlessInUrl(HikariDataSource hikari, String property, Duration value) {
		if (!hikari.getJdbcUrl().contains(property + "=") && !hikari.getDataSourceProperties().containsKey(property)) {
			hikari.addDataSourceProperty(property, Long.toString(value.toMillis()));
		}
	}

}
