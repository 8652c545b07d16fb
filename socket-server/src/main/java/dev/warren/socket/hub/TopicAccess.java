package dev.warren.socket.hub;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The private topics this node knows of, and their members; every other topic is public.
 */
final class TopicAccess {

	private final Map<String, TopicRule> privateTopics = new ConcurrentHashMap<>();

	boolean allows(String topic, String clientId) {
		TopicRule rule = this.privateTopics.get(topic);
		return rule == null || rule.allows(clientId);
	}

	void apply(TopicRule rule) {
		if (rule.privateTopic() && !rule.deleted()) {
			this.privateTopics.put(rule.topic(), rule);
		}
		else {
			this.privateTopics.remove(rule.topic());
		}
	}

}
