package dev.warren.socket.hub;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The topic rules this node knows of. A topic without a rule is public and closed to
 * client publishing (a topic only seen on the ingest path). Rules are kept by version,
 * the deleted ones too, so an announcement that arrives late never undoes a newer one.
 */
final class TopicAccess {

	private final Map<String, TopicRule> rules = new ConcurrentHashMap<>();

	private volatile boolean complete = true;

	boolean allows(String topic, String clientId) {
		TopicRule rule = this.rules.get(topic);
		return rule == null || rule.allows(clientId);
	}

	boolean allowsPublish(String topic, String clientId) {
		TopicRule rule = this.rules.get(topic);
		return rule != null && rule.clientPublish() && rule.allows(clientId);
	}

	/**
	 * Keeps the rule unless a newer one is known.
	 * @return whether the rule was newer
	 */
	boolean apply(TopicRule rule) {
		boolean[] newer = new boolean[1];
		this.rules.compute(rule.topic(), (topic, known) -> {
			if (known != null && known.version() >= rule.version()) {
				return known;
			}
			newer[0] = true;
			return rule;
		});
		return newer[0];
	}

	/**
	 * Ends a full set of rules: a rule not in it, and not newer than it, belongs to a
	 * topic that was deleted or made public and open meanwhile.
	 * @param clock the version the set was read at
	 * @param topics the topics it held
	 */
	void complete(long clock, Set<String> topics) {
		this.rules.values().removeIf((rule) -> rule.version() <= clock && !topics.contains(rule.topic()));
		this.complete = true;
	}

	void awaitRules() {
		this.complete = false;
	}

	boolean complete() {
		return this.complete;
	}

}
