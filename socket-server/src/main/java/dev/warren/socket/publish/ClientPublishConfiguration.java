package dev.warren.socket.publish;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.socket.hub.Hub;
import dev.warren.socket.monitor.NodeWarnings;
import dev.warren.socket.SocketProperties;

/**
 * Client publishing: its own template on the publisher connection (so flow control on
 * publishing never holds the node queue's consumer), confirms per message.
 */
@Configuration(proxyBeanMethods = false)
class ClientPublishConfiguration {

	private static final Duration FORGET_IDLE_EVERY = Duration.ofMinutes(1);

	@Bean
	PublishRates publishRates(SocketProperties properties,
			@Qualifier("warrenTaskScheduler") ThreadPoolTaskScheduler scheduler) {
		PublishRates rates = new PublishRates(properties.maxPublishesPerSecond());
		scheduler.scheduleWithFixedDelay(rates::forgetIdle, Instant.now().plus(FORGET_IDLE_EVERY), FORGET_IDLE_EVERY);
		return rates;
	}

	@Bean
	ClientPublisher clientPublisher(Hub hub, ConnectionFactory connectionFactory, WarrenAmqpProperties amqp,
			PublishRates rates, MeterRegistry meters, NodeWarnings warnings) {
		RabbitTemplate template = new RabbitTemplate(connectionFactory);
		template.setUsePublisherConnection(true);
		Counter published = Counter.builder("warren.socket.client.published")
			.description("Messages clients published, confirmed into the ingest exchange")
			.register(meters);
		Counter throttled = Counter.builder("warren.abuse.throttled")
			.description("Requests refused by an abuse limit")
			.tag("limit", "publishes-per-second")
			.register(meters);
		return new ClientPublisher(hub, template, amqp.ingestExchange(), rates, published, throttled, warnings);
	}

}
