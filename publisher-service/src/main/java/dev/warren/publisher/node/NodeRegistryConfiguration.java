package dev.warren.publisher.node;

import java.time.Clock;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.common.WarrenNames;

/**
 * A queue of this instance's own (exclusive, auto-delete, redeclared on reconnect) for
 * the nodes' announcements.
 */
@Configuration(proxyBeanMethods = false)
class NodeRegistryConfiguration {

	@Bean
	NodeRegistry nodeRegistry(JsonMapper json, Clock clock, ObjectProvider<NodeAnnouncements> listeners) {
		return new NodeRegistry(json, clock, listeners.orderedStream().toList());
	}

	/**
	 * No {@code x-} arguments (the embedded broker refuses them), so not an
	 * AnonymousQueue.
	 */
	@Bean
	Queue nodeStatusQueue(WarrenAmqpProperties names) {
		return new Queue(names.deliveriesExchange() + ".node-status." + UUID.randomUUID(), false, true, true);
	}

	@Bean
	Binding nodeStatusBinding(Queue nodeStatusQueue, WarrenAmqpProperties names) {
		return BindingBuilder.bind(nodeStatusQueue)
			.to(new TopicExchange(names.deliveriesExchange(), true, false))
			.with(WarrenNames.NODE_STATUS_KEY_PREFIX + "#");
	}

	@Bean
	SimpleMessageListenerContainer nodeStatusContainer(ConnectionFactory connectionFactory, Queue nodeStatusQueue,
			NodeRegistry registry) {
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
		container.setQueues(nodeStatusQueue);
		container.setMessageListener(registry);
		container.setAcknowledgeMode(AcknowledgeMode.NONE);
		container.setConcurrentConsumers(1);
		container.setMissingQueuesFatal(false);
		return container;
	}

}
