package dev.warren.common;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Chooses the run mode. Without {@code spring.rabbitmq.host} (or {@code addresses})
 * Warren runs embedded: {@code warren.embedded=true} and the AMQP connection points at
 * the in-process broker on {@code 127.0.0.1:${warren.broker.port:5673}}. Everything here
 * is added with the lowest precedence, so anything the user sets wins.
 */
public class EmbeddedModeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Property telling whether Warren runs on its embedded broker. */
	public static final String EMBEDDED_PROPERTY = "warren.embedded";

	/**
	 * Default port of the embedded broker, next to RabbitMQ's 5672 so the two never
	 * collide.
	 */
	public static final int DEFAULT_BROKER_PORT = 5673;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new HashMap<>();
		boolean external = environment.containsProperty("spring.rabbitmq.host")
				|| environment.containsProperty("spring.rabbitmq.addresses");
		defaults.put(EMBEDDED_PROPERTY, !external);
		// The embedded broker has no streams: its node keeps the history in memory.
		defaults.put(WarrenHistoryProperties.STORE_PROPERTY, external ? "stream" : "memory");
		if (!external) {
			// The history of the embedded broker's node lives on its heap.
			defaults.put("warren.history.max-bytes", "64MB");
			defaults.put("spring.rabbitmq.host", "127.0.0.1");
			defaults.put("spring.rabbitmq.port", "${warren.broker.port:" + DEFAULT_BROKER_PORT + "}");
			defaults.put("spring.rabbitmq.username", "guest");
			defaults.put("spring.rabbitmq.password", "guest");
		}
		environment.getPropertySources().addLast(new MapPropertySource("warrenRunMode", defaults));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
