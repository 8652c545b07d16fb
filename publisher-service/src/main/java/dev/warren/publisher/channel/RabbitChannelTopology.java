package dev.warren.publisher.channel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Queue;
import org.springframework.stereotype.Component;

import dev.warren.publisher.web.InvalidFieldException;

/**
 * Declares a rabbit channel's queue and binding on the broker.
 */
@Component
class RabbitChannelTopology {

	private static final Logger log = LoggerFactory.getLogger(RabbitChannelTopology.class);

	private final AmqpAdmin admin;

	RabbitChannelTopology(AmqpAdmin admin) {
		this.admin = admin;
	}

	/**
	 * Declares the queue (durable, without arguments) and binds it.
	 * <p>
	 * A queue that already exists with other arguments (say a quorum queue an operator
	 * created on RabbitMQ) is used as it is.
	 * @param channel the rabbit channel
	 * @throws InvalidFieldException when the exchange does not exist
	 */
	void declare(RabbitChannel channel) {
		try {
			this.admin.declareQueue(new Queue(channel.getQueue(), true, false, false));
		}
		catch (AmqpConnectException ex) {
			throw ex;
		}
		catch (AmqpException ex) {
			if (this.admin.getQueueProperties(channel.getQueue()) == null) {
				throw ex;
			}
			log.atInfo()
				.addKeyValue("warren.queue", channel.getQueue())
				.log("queue exists with other arguments; using it as it is");
		}
		try {
			this.admin.declareBinding(new Binding(channel.getQueue(), Binding.DestinationType.QUEUE,
					channel.getExchange(), channel.getBindingKey(), null));
		}
		catch (AmqpConnectException ex) {
			throw ex;
		}
		catch (AmqpException ex) {
			throw new InvalidFieldException("exchange", "could not bind queue '" + channel.getQueue()
					+ "' to exchange '" + channel.getExchange() + "': does the exchange exist?");
		}
	}

}
