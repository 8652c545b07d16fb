package dev.warren.publisher.topic;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.common.WarrenNames;

/**
 * The queue nodes ask for every topic rule on, and its one consumer. Durable, so a node
 * that starts before publisher-service finds its request answered once it runs.
 */
@Configuration(proxyBeanMethods = false)
class TopicRulesConfiguration {

	@Bean
	TopicRules topicRules(RabbitTemplate rabbit, WarrenAmqpProperties names, TopicRepository topics,
			PlatformTransactionManager transactions, JsonMapper json) {
		TransactionTemplate readOnly = new TransactionTemplate(transactions);
		readOnly.setReadOnly(true);
		return new TopicRules(rabbit, names, topics, readOnly, json);
	}

	@Bean
	Queue topicRuleRequestQueue(WarrenAmqpProperties names) {
		return new Queue(names.topicRuleRequestQueue(), true, false, false);
	}

	@Bean
	Binding topicRuleRequestBinding(Queue topicRuleRequestQueue, WarrenAmqpProperties names) {
		return BindingBuilder.bind(topicRuleRequestQueue)
			.to(new TopicExchange(names.deliveriesExchange(), true, false))
			.with(WarrenNames.TOPIC_RULES_REQUEST_KEY);
	}

	@Bean
	SimpleMessageListenerContainer topicRuleRequestContainer(ConnectionFactory connectionFactory,
			WarrenAmqpProperties names, TopicRules rules) {
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
		container.setQueueNames(names.topicRuleRequestQueue());
		container.setMessageListener(rules);
		container.setAcknowledgeMode(AcknowledgeMode.AUTO);
		container.setConcurrentConsumers(1);
		container.setPrefetchCount(1);
		// A failed answer is not requeued: the node asks again.
		container.setDefaultRequeueRejected(false);
		container.setMissingQueuesFatal(false);
		return container;
	}

}
