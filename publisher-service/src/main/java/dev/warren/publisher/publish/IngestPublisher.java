package dev.warren.publisher.publish;

import java.time.Duration;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.common.WarrenNames;

/**
 * Publishes a message into the ingest exchange and waits for the broker's confirm, so it
 * travels the same path, with the same order and guarantee, as a producer's AMQP message.
 */
@Component
class IngestPublisher {

	private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

	private final RabbitTemplate rabbit;

	private final WarrenAmqpProperties names;

	IngestPublisher(RabbitTemplate rabbit, WarrenAmqpProperties names) {
		this.rabbit = rabbit;
		this.names = names;
	}

	/**
	 * Publishes and waits for the confirm.
	 * @param message what to publish
	 * @param id its {@code warren-id}, which ingest keeps
	 * @throws org.springframework.amqp.AmqpException when the broker refuses or does not
	 * confirm in time (answered 503)
	 */
	void publish(HttpMessage message, String id) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(message.contentType());
		properties.setDeliveryMode(org.springframework.amqp.core.MessageDeliveryMode.PERSISTENT);
		properties.setHeader(WarrenNames.ID_HEADER, id);
		this.rabbit.invoke((operations) -> {
			operations.send(this.names.ingestExchange(), message.routingKey().deliveryKey(),
					new Message(message.body(), properties));
			operations.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
			return null;
		});
	}

}
