package dev.warren.socket.node;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.common.WarrenHistoryProperties;
import dev.warren.common.WarrenNames;
import dev.warren.socket.SocketProperties;

/**
 * Where the node's deliveries come from, by {@code warren.history.store}:
 * <ul>
 * <li>{@code stream}: the history stream, bound to the deliveries exchange with
 * {@code #}; every node reads all of it and keeps what its sessions want. No node queue,
 * no interest bindings.
 * <li>{@code memory}: the node queue, bound with {@code #} (the node's history must hold
 * every client's messages, connected here or not). No interest bindings.
 * <li>{@code none}: the node queue, bound to {@code broadcast}, the topic rules and this
 * node's own control messages, plus an interest binding per connected client and
 * subscribed topic.
 * </ul>
 * Everything is declarables, redeclared by {@code RabbitAdmin} on every new connection.
 * No {@code x-} arguments but the stream's: the embedded broker refuses them.
 */
@Configuration(proxyBeanMethods = false)
class NodeQueueConfiguration {

	@Bean
	NodeQueue nodeQueue(WarrenAmqpProperties amqp, SocketProperties socket, WarrenHistoryProperties history) {
		String nodeId = socket.nodeId().isEmpty() ? generatedNodeId() : socket.nodeId();
		String name = amqp.nodeQueuePrefix() + nodeId;
		String source = (history.store() == WarrenHistoryProperties.Store.STREAM) ? amqp.historyStream() : name;
		return new NodeQueue(name, amqp.deliveriesExchange(), nodeId, source);
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
	Declarables deliverySource(NodeQueue queue, TopicExchange deliveriesExchange, WarrenHistoryProperties history) {
		if (history.store() == WarrenHistoryProperties.Store.STREAM) {
			Queue stream = new Queue(queue.source(), true, false, false, history.streamArguments());
			return new Declarables(stream, BindingBuilder.bind(stream).to(deliveriesExchange).with("#"));
		}
		Queue own = new Queue(queue.name(), false, true, true);
		if (history.store() == WarrenHistoryProperties.Store.MEMORY) {
			return new Declarables(own, BindingBuilder.bind(own).to(deliveriesExchange).with("#"));
		}
		return new Declarables(own, BindingBuilder.bind(own).to(deliveriesExchange).with(WarrenNames.BROADCAST_KEY),
				BindingBuilder.bind(own).to(deliveriesExchange).with(WarrenNames.TOPIC_RULE_KEY),
				BindingBuilder.bind(own)
					.to(deliveriesExchange)
					.with(WarrenNames.NODE_CONTROL_KEY_PREFIX + queue.name()));
	}

	/**
	 * Interest bindings only where the node queue is bound by interest; elsewhere the
	 * node already receives everything and the bookkeeping binds nothing.
	 */
	@Bean
	InterestBindings interestBindings(RabbitTemplate rabbit, NodeQueue queue, WarrenHistoryProperties history) {
		if (history.store() != WarrenHistoryProperties.Store.NONE) {
			return new InterestBindings(new BindingOperations() {

				@Override
				public void bind(String routingKey) {
				}

				@Override
				public void unbind(String routingKey) {
				}

			});
		}
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
