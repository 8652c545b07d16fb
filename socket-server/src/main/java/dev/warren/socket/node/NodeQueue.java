package dev.warren.socket.node;

/**
 * Where this node takes its deliveries from: its own queue (exclusive and auto-delete, so
 * it disappears with the node's connection), or the history stream every node reads.
 *
 * @param name the node queue's name, {@code warren.amqp.node-queue-prefix} plus the node
 * id; also the name its own control messages are addressed to
 * @param exchange the deliveries exchange
 * @param nodeId the node's id ({@code warren.socket.node-id}, or the host name plus a
 * random suffix)
 * @param source the queue the node consumes: the node queue, or the history stream
 */
public record NodeQueue(String name, String exchange, String nodeId, String source) {

	/**
	 * Whether the node reads the shared history stream rather than a queue of its own.
	 * @return {@code true} for the stream
	 */
	public boolean readsStream() {
		return !this.source.equals(this.name);
	}

}
