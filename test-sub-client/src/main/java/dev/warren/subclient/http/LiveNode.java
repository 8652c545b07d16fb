package dev.warren.subclient.http;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A socket node publisher-service's registry lists as live.
 *
 * @param id the node's id
 * @param url where clients reach it, as the node announces it
 * @param connections its sessions at its last announcement
 */
public record LiveNode(String id, String url, int connections) {

	/**
	 * The node with the fewest connections.
	 * @param nodes the live nodes
	 * @return the quietest, empty when there is none
	 */
	public static Optional<LiveNode> quietest(List<LiveNode> nodes) {
		return nodes.stream().min(Comparator.comparingInt(LiveNode::connections).thenComparing(LiveNode::url));
	}

}
