package dev.warren.socket.node;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.common.WarrenNames;
import dev.warren.socket.SocketProperties;

/**
 * The node queue and its bindings. Exchange, queue and the always-present
 * {@code broadcast} binding are declarables, redeclared by {@code RabbitAdmin} on every
 * new connection; interest bindings come and go with the sessions. No {@code x-}
 * arguments anywhere: the embedded broker refuses them.
 */
@Configuration(proxyBeanMethods = false)
class NodeQueueConfiguration {

	@Bean
	NodeQueue nodeQueue(WarrenAmqpProperties amqp, SocketProperties socket) {
		String nodeId = socket.nodeId().isEmpty() ? generatedNodeId() : socket.nodeId();
		return new NodeQueue(amqp.nodeQueuePrefix() + nodeId, amqp.deliveriesExchange(), nodeId);
	}

	/**
	 * Declared here too, with the publisher's properties (durable topic exchange), so a
	 * node starting before the publisher can bind.
	 */
	@Bean
	TopicExchange deliveriesExchange(NodeQueue queue) {
		return new TopicExchange(queue.exchange(), true, false);
	}

	@Bean
	Queue nodeAmqpQueue(NodeQueue queue) {
		return new Queue(queue.name(), false, true, true);
	}

	@Bean
	Binding broadcastBinding(Queue nodeAmqpQueue, TopicExchange deliveriesExchange) {
		return BindingBuilder.bind(nodeAmqpQueue).to(deliveriesExchange).with(WarrenNames.BROADCAST_KEY);
	}

	@Bean
	InterestBindings interestBindings(RabbitTemplate rabbit, NodeQueue queue) {
		return new InterestBindings(new AmqpBindingOperations(rabbit, queue));
	}

	/**
	 * A thread per (rare) consumer restart, without a concurrency limit, which would
	 * block the AMQP connection thread. Rebinding is idempotent: overlapping runs are
	 * harmless.
	 */
	@Bean
	BindingRestorer bindingRestorer(InterestBindings bindings, NodeQueue queue) {
		return new BindingRestorer(bindings, queue, new SimpleAsyncTaskExecutor("warren-rebind-"));
	}

	private static String generatedNodeId() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9_.-]", "-");
		}
		catch (UnknownHostException ex) {
			host = "node";
		}
		if (host.length() > 60) {
			host = host.substring(0, 60);
		}
		return host + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
