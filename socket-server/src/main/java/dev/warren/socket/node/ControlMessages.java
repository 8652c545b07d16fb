package dev.warren.socket.node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.MessageProperties;

import dev.warren.common.ChannelName;
import dev.warren.common.WarrenNames;
import dev.warren.socket.hub.Hub;
import dev.warren.socket.hub.Position;
import dev.warren.socket.hub.TopicRule;

/**
 * Control messages on the node queue ({@code control.*} routing keys), applied on its
 * consumer, in order with the deliveries:
 * <ul>
 * <li>{@code control.topic-rule}, to every node:
 * {@code {"topic":…,"visibility":"public"|"private","clientPublish":…,"members":[…],"deleted":…,"version":…}};
 * <li>{@code control.node.<queue>}, to this node only: a page of the answer to its
 * request for every rule, {@code {"clock":…,"rules":[…],"last":…}}.
 * </ul>
 * Anything else, or a malformed message, is logged and dropped: it never reaches a
 * client.
 */
final class ControlMessages {

	private static final Logger logger = LoggerFactory.getLogger(ControlMessages.class);

	private final Hub hub;

	private final TopicRulesRequester requester;

	private final JsonMapper json;

	ControlMessages(Hub hub, TopicRulesRequester requester, JsonMapper json) {
		this.hub = hub;
		this.requester = requester;
		this.json = json;
	}

	void handle(String routingKey, MessageProperties properties, byte[] body) {
		try {
			if (WarrenNames.TOPIC_RULE_KEY.equals(routingKey)) {
				TopicRule rule = rule(this.json.readTree(body));
				int revoked = this.hub.apply(rule);
				logger.atInfo()
					.addKeyValue("topic", rule.topic())
					.addKeyValue("version", rule.version())
					.addKeyValue("revoked", revoked)
					.log("Topic rule applied");
			}
			else if (this.requester.replyKey().equals(routingKey)) {
				JsonNode page = this.json.readTree(body);
				List<TopicRule> rules = new ArrayList<>();
				for (JsonNode rule : page.path("rules")) {
					rules.add(rule(rule));
				}
				this.requester.page(properties.getCorrelationId(), page.path("clock").asLong(), rules,
						page.path("last").asBoolean(false));
			}
			else if (WarrenNames.RESUME_KEY.equals(routingKey)) {
				JsonNode announcement = this.json.readTree(body);
				Position position = Position.parse(announcement.path("position").asString(null));
				if (position == null) {
					throw new IllegalArgumentException("no position");
				}
				int hints = 0;
				for (JsonNode subscription : announcement.path("subscriptions")) {
					this.hub.resumeHints()
						.add(subscription.path(0).asString(), subscription.path(1).asString(), position);
					hints++;
				}
				logger.atInfo().addKeyValue("subscriptions", hints).log("Resume positions of a drained node kept");
			}
			else if (routingKey.startsWith(WarrenNames.NODE_STATUS_KEY_PREFIX)
					|| routingKey.equals(WarrenNames.TOPIC_RULES_REQUEST_KEY)
					|| routingKey.equals(WarrenNames.CLIENT_KEY_KEY)
					|| routingKey.startsWith(WarrenNames.NODE_CONTROL_KEY_PREFIX)) {
				// Read from the stream every node reads: meant for publisher-service or
				// for another node.
			}
			else {
				logger.atWarn().addKeyValue("routingKey", routingKey).log("Unknown control message dropped");
			}
		}
		catch (JacksonException | IllegalArgumentException ex) {
			logger.atWarn()
				.addKeyValue("routingKey", routingKey)
				.log("Malformed control message dropped: {}", ex.getMessage());
		}
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
		return new TopicRule(topic, "private".equals(node.path("visibility").asString(null)),
				node.path("clientPublish").asBoolean(false), Set.copyOf(members), node.path("deleted").asBoolean(false),
				node.path("version").asLong(0));
	}

}
