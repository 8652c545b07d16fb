package dev.warren.socket.hub;

import java.util.Set;

/**
 * Who may subscribe to a topic and whether clients may publish to it, as
 * publisher-service announces it.
 *
 * @param topic the topic's name
 * @param privateTopic whether only its members may subscribe
 * @param clientPublish whether clients that may subscribe may also publish to it
 * @param members the client ids that may, for a private topic
 * @param deleted whether the topic was deleted: every subscriber loses it
 * @param version the rule's version: a node keeps the highest it has seen for each topic
 */
public record TopicRule(String topic, boolean privateTopic, boolean clientPublish, Set<String> members, boolean deleted,
		long version) {

	boolean allows(String clientId) {
		return !this.deleted && (!this.privateTopic || this.members.contains(clientId));
	}

}
