package dev.warren.socket.node;

/**
 * This node's own queue: exclusive and auto-delete, so it disappears with the node's
 * connection.
 *
 * @param name the queue name, {@code warren.amqp.node-queue-prefix} plus the node id
 * @param exchange the deliveries exchange it is bound to
 */
public record NodeQueue(String name, String exchange) {
}
