package dev.warren.socket.hub;

import java.util.Set;

/**
 * Who may subscribe to a topic, as publisher-service announces it.
 *
 * @param topic the topic's name
 * @param privateTopic whether only its members may subscribe
 * @param members the client ids that may, for a private topic
 * @param deleted whether the topic was deleted: every subscriber loses it
 */
public record TopicRule(String topic, boolean privateTopic, Set<String> members, boolean deleted) {

	boolean allows(String clientId) {
		return !this.deleted && (!this.privateTopic || this.members.contains(clientId));
	}

}
