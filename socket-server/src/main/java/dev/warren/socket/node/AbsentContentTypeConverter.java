package dev.warren.socket.node;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;

import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;

/**
 * Keeps a missing AMQP {@code content_type} missing. Spring AMQP would otherwise report
 * {@code application/octet-stream}, its default, and the message would go out as a binary
 * frame instead of with the configured default content type.
 */
final class AbsentContentTypeConverter extends DefaultMessagePropertiesConverter {

	@Override
	public MessageProperties toMessageProperties(AMQP.BasicProperties source, Envelope envelope, String charset) {
		MessageProperties properties = super.toMessageProperties(source, envelope, charset);
		if (source.getContentType() == null) {
			properties.setContentType(null);
		}
		return properties;
	}

}
