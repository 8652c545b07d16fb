package dev.warren.publisher.ingest;

import com.rabbitmq.client.AMQP.BasicProperties;
import com.rabbitmq.client.Envelope;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;

/**
 * Hands the ingest listener the received AMQP properties untouched, and skips the
 * per-message header conversion the listener would never use.
 */
final class ReceivedPropertiesConverter implements MessagePropertiesConverter {

	private final MessagePropertiesConverter outbound = new DefaultMessagePropertiesConverter();

	@Override
	public MessageProperties toMessageProperties(BasicProperties source, @Nullable Envelope envelope, String charset) {
		ReceivedProperties target = new ReceivedProperties(source);
		if (source.getContentType() != null) {
			target.setContentType(source.getContentType());
		}
		if (envelope != null) {
			target.setReceivedExchange(envelope.getExchange());
			target.setReceivedRoutingKey(envelope.getRoutingKey());
			target.setRedelivered(envelope.isRedeliver());
			target.setDeliveryTag(envelope.getDeliveryTag());
		}
		return target;
	}

	@Override
	public BasicProperties fromMessageProperties(MessageProperties source, String charset) {
		return this.outbound.fromMessageProperties(source, charset);
	}

}
