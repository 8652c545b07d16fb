package dev.warren.publisher.node;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * Told of every node announcement the {@link NodeRegistry} accepts.
 */
public interface NodeAnnouncements {

	/**
	 * A node announced itself.
	 * @param node its id
	 * @param status the announcement, as the node sent it
	 * @param receivedAt when it arrived
	 */
	void announced(String node, JsonNode status, Instant receivedAt);

}
