package dev.warren.publisher.ingest;

import com.rabbitmq.client.AMQP;

import org.springframework.amqp.core.MessageProperties;

/**
 * Message properties that keep the AMQP properties exactly as received, so the republish
 * carries them unchanged (Spring's usual conversion would, for instance, give a message
 * without {@code content_type} one).
 */
final class ReceivedProperties extends MessageProperties {

	private final transient AMQP.BasicProperties original;

	ReceivedProperties(AMQP.BasicProperties original) {
		this.original = original;
	}

	AMQP.BasicProperties original() {
		return this.original;
	}

}
