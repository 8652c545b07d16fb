package dev.warren.publisher.channel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.stereotype.Component;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.publisher.ingest.IngestExchange;
import dev.warren.publisher.web.InvalidFieldException;

/**
 * Declares a rabbit channel's queue and binding on the broker.
 */
@Component
class RabbitChannelTopology {

	private static final Logger log = LoggerFactory.getLogger(RabbitChannelTopology.class);

	private static final String EVERY_KEY = "#";

	private final AmqpAdmin admin;

	private final WarrenAmqpProperties names;

	private final IngestExchange ingestExchange;

	RabbitChannelTopology(AmqpAdmin admin, WarrenAmqpProperties names, IngestExchange ingestExchange) {
		this.admin = admin;
		this.names = names;
		this.ingestExchange = ingestExchange;
	}

	/**
	 * Declares the queue (durable, without arguments) and binds it.
	 * <p>
	 * A queue that already exists with other arguments (say a quorum queue an operator
	 * created on RabbitMQ) is used as it is. A channel on the ingest exchange with a key
	 * other than {@code #}, where that exchange is a fanout, is bound to the routed topic
	 * exchange instead, which takes every ingest message and matches the channel's key.
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
					bindingSource(channel), channel.getBindingKey(), null));
		}
		catch (AmqpConnectException ex) {
			throw ex;
		}
		catch (AmqpException ex) {
			throw new InvalidFieldException("exchange", "could not bind queue '" + channel.getQueue()
					+ "' to exchange '" + channel.getExchange() + "': does the exchange exist?");
		}
	}

	private String bindingSource(RabbitChannel channel) {
		if (!this.ingestExchange.fanout() || !channel.getExchange().equals(this.ingestExchange.name())
				|| EVERY_KEY.equals(channel.getBindingKey())) {
			return channel.getExchange();
		}
		String routed = this.names.ingestRoutedExchange();
		this.admin.declareExchange(new TopicExchange(routed, true, false));
		this.admin.declareBinding(
				new Binding(routed, Binding.DestinationType.EXCHANGE, this.ingestExchange.name(), EVERY_KEY, null));
		return routed;
	}

}
