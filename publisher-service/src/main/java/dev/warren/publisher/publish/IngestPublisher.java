package dev.warren.publisher.publish;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

import dev.warren.common.RoutingKey;
import dev.warren.common.WarrenAmqpProperties;
import dev.warren.common.WarrenNames;
import dev.warren.common.record.RecordOp;

/**
 * Publishes a message into the ingest exchange and waits for the broker's confirm, so it
 * travels the same path, with the same order and guarantee, as a producer's AMQP message.
 */
@Component
public class IngestPublisher {

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
		publish(message.routingKey(), message.contentType(), message.body(), id, message.record());
	}

	/**
	 * Publishes and waits for the confirm.
	 * @param key where the message goes
	 * @param contentType its content type
	 * @param body its body
	 * @param id its {@code warren-id}, or {@code null} for ingest to assign one
	 * @throws org.springframework.amqp.AmqpException when the broker refuses or does not
	 * confirm in time
	 */
	public void publish(RoutingKey key, String contentType, byte[] body, @Nullable String id) {
		publish(key, contentType, body, id, null);
	}

	private void publish(RoutingKey key, String contentType, byte[] body, @Nullable String id,
			@Nullable RecordOp record) {
		MessageProperties properties = new MessageProperties();
		if (record != null) {
			properties.setHeader(WarrenNames.OP_HEADER, record.op().wire());
			properties.setHeader(WarrenNames.COLLECTION_HEADER, record.collection());
			if (record.key() != null) {
				properties.setHeader(WarrenNames.KEY_HEADER, record.key());
			}
		}
		properties.setContentType(contentType);
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		if (id != null) {
			properties.setHeader(WarrenNames.ID_HEADER, id);
		}
		this.rabbit.invoke((operations) -> {
			operations.send(this.names.ingestExchange(), key.deliveryKey(), new Message(body, properties));
			operations.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
			return null;
		});
	}

}
