package dev.warren.socket.node;

/**
 * Binds and unbinds this node's queue on the deliveries exchange. Both calls return once
 * the broker has confirmed.
 */
public interface BindingOperations {

	/**
	 * Binds the node queue with {@code routingKey}.
	 * @param routingKey an exact delivery key
	 * @throws org.springframework.amqp.AmqpException when the broker refused or is
	 * unreachable
	 */
	void bind(String routingKey);

	/**
	 * Removes the binding with {@code routingKey}.
	 * @param routingKey an exact delivery key
	 * @throws org.springframework.amqp.AmqpException when the broker refused or is
	 * unreachable
	 */
	void unbind(String routingKey);

}
