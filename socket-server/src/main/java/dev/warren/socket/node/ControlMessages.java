package dev.warren.socket.node;

import java.util.HashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.warren.common.ChannelName;
import dev.warren.common.WarrenNames;
import dev.warren.socket.hub.Hub;
import dev.warren.socket.hub.TopicRule;

/**
 * Control messages on the node queue ({@code control.*} routing keys), applied on its
 * consumer, in order with the deliveries. {@code control.topic-rule}:
 * {@code {"topic":…,"visibility":"public"|"private","members":[…],"deleted":false}}.
 * Anything else, or a malformed rule, is logged and dropped: it never reaches a client.
 */
final class ControlMessages {

	private static final Logger logger = LoggerFactory.getLogger(ControlMessages.class);

	private final Hub hub;

	private final JsonMapper json;

	ControlMessages(Hub hub, JsonMapper json) {
		this.hub = hub;
		this.json = json;
	}

	void handle(String routingKey, byte[] body) {
		if (!WarrenNames.TOPIC_RULE_KEY.equals(routingKey)) {
			logger.atWarn().addKeyValue("routingKey", routingKey).log("Unknown control message dropped");
			return;
		}
		TopicRule rule;
		try {
			rule = rule(this.json.readTree(body));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			logger.atWarn().log("Malformed topic rule dropped: {}", ex.getMessage());
			return;
		}
		int revoked = this.hub.apply(rule);
		logger.atInfo().addKeyValue("topic", rule.topic()).addKeyValue("revoked", revoked).log("Topic rule applied");
	}

	private static TopicRule rule(JsonNode node) {
		String topic = node.path("topic").asString(null);
		if (topic == null || !ChannelName.isValid(topic)) {
			throw new IllegalArgumentException("no valid topic name");
		}
		Set<String> members = new HashSet<>();
		for (JsonNode member : node.path("members")) {
			members.add(member.asString());
		}
		return new TopicRule(topic, "private".equals(node.path("visibility").asString(null)), Set.copyOf(members),
				node.path("deleted").asBoolean(false));
	}

}
