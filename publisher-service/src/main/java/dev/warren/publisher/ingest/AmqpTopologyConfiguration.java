package dev.warren.publisher.ingest;

import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.warren.common.WarrenAmqpProperties;

/**
 * The exchanges and the dead-letter queue the ingest side needs. As declarables they are
 * declared again by the admin whenever the connection is re-established. Nothing
 * RabbitMQ-only: no {@code x-} arguments, which the embedded broker refuses.
 */
@Configuration(proxyBeanMethods = false)
class AmqpTopologyConfiguration {

	@Bean
	Declarables warrenTopology(WarrenAmqpProperties names) {
		return new Declarables(new TopicExchange(names.ingestExchange(), true, false),
				new TopicExchange(names.deliveriesExchange(), true, false),
				new Queue(names.deadLetterQueue(), true, false, false));
	}

}
