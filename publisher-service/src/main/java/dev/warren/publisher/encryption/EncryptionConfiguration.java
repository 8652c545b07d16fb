package dev.warren.publisher.encryption;

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
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.warren.common.EmbeddedModeEnvironmentPostProcessor;
import dev.warren.common.WarrenAmqpProperties;
import dev.warren.common.WarrenNames;

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
	EncryptedTopics encryptedTopics(JdbcClient jdbc, JsonMapper json) {
		EncryptedTopics topics = new EncryptedTopics(jdbc, json);
		topics.refresh();
		return topics;
	}

	/**
	 * A queue of this instance's own (exclusive, auto-delete, no {@code x-} arguments)
	 * for the topic rule announcements.
	 */
	@Bean
	Queue topicRuleQueue(WarrenAmqpProperties names) {
		return new Queue(names.deliveriesExchange() + ".topic-rules." + UUID.randomUUID(), false, true, true);
	}

	@Bean
	Binding topicRuleBinding(Queue topicRuleQueue, WarrenAmqpProperties names) {
		return BindingBuilder.bind(topicRuleQueue)
			.to(new TopicExchange(names.deliveriesExchange(), true, false))
			.with(WarrenNames.TOPIC_RULE_KEY);
	}

	@Bean
	SimpleMessageListenerContainer topicRuleContainer(ConnectionFactory connectionFactory, Queue topicRuleQueue,
			EncryptedTopics topics) {
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
		container.setQueues(topicRuleQueue);
		container.setMessageListener(topics);
		container.setAcknowledgeMode(AcknowledgeMode.NONE);
		container.setConcurrentConsumers(1);
		container.setMissingQueuesFatal(false);
		return container;
	}

}
