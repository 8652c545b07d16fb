package dev.warren.publisher.encryption;

import java.time.Clock;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
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
	ClientKeys clientKeys(JdbcClient jdbc, EncryptionProperties properties, Environment environment, Clock clock,
			RabbitTemplate rabbit, WarrenAmqpProperties names) {
		boolean embedded = environment.getProperty(EmbeddedModeEnvironmentPostProcessor.EMBEDDED_PROPERTY,
				Boolean.class, false);
		ClientKeys keys = new ClientKeys(jdbc, MasterKey.resolve(properties, embedded), clock,
				new ClientKeyAnnouncements(rabbit, names.deliveriesExchange()));
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
	 * for the announcements that change what is sealed: topic rules and client keys.
	 */
	@Bean
	Queue encryptionQueue(WarrenAmqpProperties names) {
		return new Queue(names.deliveriesExchange() + ".encryption." + UUID.randomUUID(), false, true, true);
	}

	@Bean
	Binding topicRuleBinding(Queue encryptionQueue, WarrenAmqpProperties names) {
		return BindingBuilder.bind(encryptionQueue)
			.to(new TopicExchange(names.deliveriesExchange(), true, false))
			.with(WarrenNames.TOPIC_RULE_KEY);
	}

	@Bean
	Binding clientKeyBinding(Queue encryptionQueue, WarrenAmqpProperties names) {
		return BindingBuilder.bind(encryptionQueue)
			.to(new TopicExchange(names.deliveriesExchange(), true, false))
			.with(WarrenNames.CLIENT_KEY_KEY);
	}

	@Bean
	SimpleMessageListenerContainer encryptionContainer(ConnectionFactory connectionFactory, Queue encryptionQueue,
			EncryptedTopics topics, ClientKeys keys) {
		MessageListener keyChanges = ClientKeyAnnouncements.reloading(keys);
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
		container.setQueues(encryptionQueue);
		container.setMessageListener((Message message) -> {
			if (WarrenNames.CLIENT_KEY_KEY.equals(message.getMessageProperties().getReceivedRoutingKey())) {
				keyChanges.onMessage(message);
			}
			else {
				topics.onMessage(message);
			}
		});
		container.setAcknowledgeMode(AcknowledgeMode.NONE);
		container.setConcurrentConsumers(1);
		container.setMissingQueuesFatal(false);
		return container;
	}

}
