package dev.warren.publisher.ingest;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.warren.common.EmbeddedModeEnvironmentPostProcessor;
import dev.warren.common.WarrenAmqpProperties;
import dev.warren.common.WarrenHistoryProperties;

/**
 * The exchanges and the dead-letter queue the ingest side needs. As declarables they are
 * declared again by the admin whenever the connection is re-established. Nothing
 * RabbitMQ-only, no {@code x-} arguments, which the embedded broker refuses; except the
 * history stream, declared only when {@code warren.history.store=stream} (RabbitMQ).
 */
@Configuration(proxyBeanMethods = false)
class AmqpTopologyConfiguration {

	@Bean
	IngestExchange ingestExchange(WarrenAmqpProperties names,
			@Value("${" + EmbeddedModeEnvironmentPostProcessor.EMBEDDED_PROPERTY + ":false}") boolean embedded) {
		return new IngestExchange(names.ingestExchange(), !embedded);
	}

	@Bean
	Declarables warrenTopology(WarrenAmqpProperties names, IngestExchange ingestExchange) {
		return new Declarables(ingestExchange.declarable(), new TopicExchange(names.deliveriesExchange(), true, false),
				new Queue(names.deadLetterQueue(), true, false, false));
	}

	/**
	 * The history stream, bound to the deliveries exchange with {@code #}: every delivery
	 * and control message in the order RabbitMQ took them, which the nodes read. Declared
	 * by the nodes too, with the same arguments, whichever starts first.
	 */
	@Bean
	@ConditionalOnProperty(name = WarrenHistoryProperties.STORE_PROPERTY, havingValue = "stream")
	Declarables historyStream(WarrenAmqpProperties names, WarrenHistoryProperties history) {
		Queue stream = new Queue(names.historyStream(), true, false, false, history.streamArguments());
		return new Declarables(stream,
				BindingBuilder.bind(stream).to(new TopicExchange(names.deliveriesExchange(), true, false)).with("#"));
	}

}
