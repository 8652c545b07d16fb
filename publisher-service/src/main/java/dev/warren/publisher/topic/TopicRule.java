package dev.warren.publisher.topic;

import java.util.Set;

/**
 * A topic's access rule as the nodes are told it on {@code control.topic-rule}.
 *
 * @param topic the topic's name
 * @param visibility {@code public} or {@code private}
 * @param clientPublish whether clients that may subscribe may publish to it
 * @param members the clients that may subscribe to a private topic
 * @param deleted whether the topic was deleted
 * @param version the rule clock's value at the change: nodes keep the highest
 * @param encrypted whether its messages are sealed per member; read by every
 * publisher-service instance, not by the nodes
 */
record TopicRule(String topic, String visibility, boolean clientPublish, Set<String> members, boolean deleted,
		long version, boolean encrypted) {

	static TopicRule deleted(String topic, long version) {
		return new TopicRule(topic, "public", false, Set.of(), true, version, false);
	}

}
