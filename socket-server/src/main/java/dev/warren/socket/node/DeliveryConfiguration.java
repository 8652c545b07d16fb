package dev.warren.socket.node;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.MimeTypeUtils;

import dev.warren.common.WarrenHistoryProperties;
import dev.warren.socket.SocketProperties;
import dev.warren.socket.hub.History;
import dev.warren.socket.hub.Hub;

/**
 * The consumer of the node's source, which hands every message to the hub.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

	@Bean
	DeliveryDecoder deliveryDecoder(SocketProperties properties) {
		return new DeliveryDecoder(MimeTypeUtils.parseMimeType(properties.defaultContentType()));
	}

	@Bean
	NodeQueueListener nodeQueueListener(Hub hub, TopicRulesRequester rules, DeliveryDecoder decoder,
			WarrenHistoryProperties properties, History history, MeterRegistry meters) {
		// A history held in memory keeps what the consumer hands on.
		DeliveryRecorder recorder = (history instanceof DeliveryRecorder memory) ? memory : DeliveryRecorder.NONE;
		return new NodeQueueListener(hub, new ControlMessages(hub, rules, JsonMapper.builder().build()), decoder,
				properties.store(), recorder, meters);
	}

	/**
	 * One consumer, to keep the source's order. On the node queue, acknowledge mode NONE:
	 * the queue is exclusive to this node and dies with it, so an unacked message could
	 * never be redelivered anywhere; acks would cost a round trip per batch for nothing.
	 * On the stream, which needs acknowledgements to give credit, one per batch of
	 * messages; a consumer that restarts (the broker went away) resumes after the last
	 * offset it read, so the node's sessions miss nothing the stream kept. The prefetch
	 * bounds the consumer's in-memory buffer: when it is full, the client stops reading
	 * the socket and the broker holds the rest.
	 */
	@Bean
	SimpleMessageListenerContainer nodeQueueListenerContainer(ConnectionFactory connectionFactory, NodeQueue queue,
			NodeQueueListener listener) {
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
		container.setQueueNames(queue.source());
		container.setMessageListener(listener);
		container.setConcurrentConsumers(1);
		if (queue.readsStream()) {
			container.setAcknowledgeMode(AcknowledgeMode.AUTO);
			container.setPrefetchCount(1000);
			container.setBatchSize(100);
			container.setReceiveTimeout(100);
			container.setDefaultRequeueRejected(false);
			container.setConsumerArguments(Map.of(DeliveryDecoder.STREAM_OFFSET_HEADER, StreamResume.START));
		}
		else {
			container.setAcknowledgeMode(AcknowledgeMode.NONE);
			container.setPrefetchCount(250);
		}
		container.setMessagePropertiesConverter(new AbsentContentTypeConverter());
		// RabbitAdmin declares the queue on each connection; never give up while the
		// broker is away.
		container.setMissingQueuesFatal(false);
		container.setShutdownTimeout(1000);
		// Messages for this node are lost while it has no queue: come back quickly.
		container.setRecoveryInterval(1000);
		return container;
	}

	@Bean
	ResumeAnnouncer resumeAnnouncer(NodeQueue queue, SimpleMessageListenerContainer nodeQueueListenerContainer, Hub hub,
			RabbitTemplate rabbit) {
		return new ResumeAnnouncer(queue, nodeQueueListenerContainer, hub, rabbit);
	}

	/**
	 * Keeps the stream consumer's start offset just after what it read, twice a second,
	 * so a consumer that restarts (the broker or the connection went away) resumes there
	 * and the node's sessions miss nothing the stream kept. A start a little behind is
	 * harmless: the listener skips offsets it already handled.
	 */
	@Bean
	SmartLifecycle streamResume(NodeQueue queue, NodeQueueListener listener,
			SimpleMessageListenerContainer nodeQueueListenerContainer,
			@Qualifier("warrenTaskScheduler") ThreadPoolTaskScheduler scheduler) {
		return new StreamResume(queue.readsStream(), listener, nodeQueueListenerContainer, scheduler);
	}

}
