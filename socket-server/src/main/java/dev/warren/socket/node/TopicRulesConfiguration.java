package dev.warren.socket.node;

import java.time.Duration;
import java.time.Instant;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.common.WarrenNames;
import dev.warren.socket.SocketProperties;
import dev.warren.socket.hub.Hub;

/**
 * How a node learns the topic rules: its source carries the rules every node gets and its
 * own answers ({@link NodeQueueConfiguration}); it asks for all of them when its consumer
 * starts; readiness ({@code topicRules}) is down until it has them.
 */
@Configuration(proxyBeanMethods = false)
class TopicRulesConfiguration {

	/** How long a node waits for an answer before asking again. */
	private static final Duration RETRY = Duration.ofSeconds(10);

	/**
	 * publisher-service's request queue, declared here too (with its properties), so a
	 * node that starts first leaves its request there.
	 */
	@Bean
	Queue topicRuleRequestQueue(WarrenAmqpProperties amqp) {
		return new Queue(amqp.topicRuleRequestQueue(), true, false, false);
	}

	@Bean
	Binding topicRuleRequestBinding(Queue topicRuleRequestQueue, TopicExchange deliveriesExchange) {
		return BindingBuilder.bind(topicRuleRequestQueue)
			.to(deliveriesExchange)
			.with(WarrenNames.TOPIC_RULES_REQUEST_KEY);
	}

	@Bean
	TopicRulesRequester topicRulesRequester(RabbitTemplate rabbit, NodeQueue queue, Hub hub,
			SocketProperties properties, @Qualifier("warrenTaskScheduler") ThreadPoolTaskScheduler scheduler) {
		TopicRulesRequester requester = new TopicRulesRequester(rabbit, queue, hub,
				new SimpleAsyncTaskExecutor("warren-topic-rules-"));
		if (properties.awaitTopicRules()) {
			hub.awaitTopicRules();
			scheduler.scheduleWithFixedDelay(() -> requester.retryIfWaiting(RETRY.toMillis()),
					Instant.now().plus(RETRY), RETRY);
		}
		return requester;
	}

	@Bean
	HealthIndicator topicRulesHealthIndicator(Hub hub) {
		return () -> hub.hasTopicRules() ? Health.up().build()
				: Health.outOfService().withDetail("waiting", "topic rules from publisher-service").build();
	}

}
