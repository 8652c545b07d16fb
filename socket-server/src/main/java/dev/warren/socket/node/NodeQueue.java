package dev.warren.socket.node;

/**
 * This node's own queue: exclusive and auto-delete, so it disappears with the node's
 * connection.
 *
 * @param name the queue name, {@code warren.amqp.node-queue-prefix} plus the node id
 * @param exchange the deliveries exchange it is bound to
 * @param nodeId the node's id ({@code warren.socket.node-id}, or the host name plus a
 * random suffix)
 */
public record NodeQueue(String name, String exchange, String nodeId) {
}
