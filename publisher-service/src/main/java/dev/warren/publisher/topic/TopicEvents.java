package dev.warren.publisher.topic;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.MessageProperties;
import org.springframework.stereotype.Component;

import dev.warren.common.RoutingKey;
import dev.warren.publisher.publish.IngestPublisher;

/**
 * Announces every change of the catalogue on the topic {@value #CATALOGUE_TOPIC}, through
 * the ingest path like any message, so clients subscribed to it keep a live catalogue:
 * {@code {"type":"created"|"updated"|"deleted","topic":{…}}}, confirmed like an HTTP
 * publish ({@link IngestPublisher}).
 */
@Component
class TopicEvents {

	/** The topic the catalogue's changes are published to. */
	static final String CATALOGUE_TOPIC = "warren.topics";

	private final IngestPublisher ingest;

	private final JsonMapper json;

	TopicEvents(IngestPublisher ingest, JsonMapper json) {
		this.ingest = ingest;
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
		this.ingest.publish(RoutingKey.topic(CATALOGUE_TOPIC), MessageProperties.CONTENT_TYPE_JSON,
				this.json.writeValueAsBytes(event), null);
	}

}
