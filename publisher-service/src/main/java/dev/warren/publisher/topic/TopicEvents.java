package dev.warren.publisher.topic;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

import dev.warren.common.RoutingKey;
import dev.warren.common.WarrenAmqpProperties;

/**
 * Announces every change of the catalogue on the topic {@value #CATALOGUE_TOPIC}, through
 * the ingest path like any message, so clients subscribed to it keep a live catalogue:
 * {@code {"type":"created"|"updated"|"deleted","topic":{…}}}.
 */
@Component
class TopicEvents {

	/** The topic the catalogue's changes are published to. */
	static final String CATALOGUE_TOPIC = "warren.topics";

	private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

	private final RabbitTemplate rabbit;

	private final WarrenAmqpProperties names;

	private final JsonMapper json;

	TopicEvents(RabbitTemplate rabbit, WarrenAmqpProperties names, JsonMapper json) {
		this.rabbit = rabbit;
		this.names = names;
		this.json = json;
	}

	void created(TopicView topic) {
		announce("created", topic);
	}

	void updated(TopicView topic) {
		announce("updated", topic);
	}

	void deleted(String name) {
		announce("deleted", Map.of("name", name));
	}

	private void announce(String type, Object topic) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("type", type);
		event.put("topic", topic);
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		Message message = new Message(this.json.writeValueAsBytes(event), properties);
		this.rabbit.invoke((operations) -> {
			operations.send(this.names.ingestExchange(), RoutingKey.topic(CATALOGUE_TOPIC).deliveryKey(), message);
			operations.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
			return null;
		});
	}

}
