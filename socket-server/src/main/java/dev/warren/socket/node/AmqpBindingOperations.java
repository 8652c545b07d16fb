package dev.warren.socket.node;

import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * {@link BindingOperations} on a pooled channel of the node's connection. Plain
 * {@code queue.bind} without arguments, which RabbitMQ and the embedded broker both
 * accept.
 */
final class AmqpBindingOperations implements BindingOperations {

	private final RabbitTemplate rabbit;

	private final NodeQueue queue;

	AmqpBindingOperations(RabbitTemplate rabbit, NodeQueue queue) {
		this.rabbit = rabbit;
		this.queue = queue;
	}

	@Override
	public void bind(String routingKey) {
		this.rabbit.execute((channel) -> channel.queueBind(this.queue.name(), this.queue.exchange(), routingKey));
	}

	@Override
	public void unbind(String routingKey) {
		this.rabbit.execute((channel) -> channel.queueUnbind(this.queue.name(), this.queue.exchange(), routingKey));
	}

}
