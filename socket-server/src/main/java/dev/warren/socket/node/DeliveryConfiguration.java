package dev.warren.socket.node;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.MimeTypeUtils;

import dev.warren.socket.SocketProperties;
import dev.warren.socket.hub.Hub;

/**
 * The consumer of the node queue, which hands every message to the hub.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

	@Bean
	NodeQueueListener nodeQueueListener(Hub hub, TopicRulesRequester rules, SocketProperties properties,
			MeterRegistry meters) {
		return new NodeQueueListener(hub, new ControlMessages(hub, rules, JsonMapper.builder().build()),
				MimeTypeUtils.parseMimeType(properties.defaultContentType()), meters);
	}

	/**
	 * One consumer, to keep the queue's order. Acknowledge mode NONE: the queue is
	 * exclusive to this node and dies with it, so an unacked message could never be
	 * redelivered anywhere; acks would cost a round trip per batch for nothing. The
	 * prefetch still bounds the consumer's in-memory buffer: when it is full, the client
	 * stops reading the socket and the broker holds the rest.
	 */
	@Bean
	SimpleMessageListenerContainer nodeQueueListenerContainer(ConnectionFactory connectionFactory, NodeQueue queue,
			NodeQueueListener listener) {
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
		container.setQueueNames(queue.name());
		container.setMessageListener(listener);
		container.setAcknowledgeMode(AcknowledgeMode.NONE);
		container.setConcurrentConsumers(1);
		container.setPrefetchCount(250);
		container.setMessagePropertiesConverter(new AbsentContentTypeConverter());
		// RabbitAdmin declares the queue on each connection; never give up while the
		// broker is away.
		container.setMissingQueuesFatal(false);
		container.setShutdownTimeout(1000);
		// Messages for this node are lost while it has no queue: come back quickly.
		container.setRecoveryInterval(1000);
		return container;
	}

}
