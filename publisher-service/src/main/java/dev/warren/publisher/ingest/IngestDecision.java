package dev.warren.publisher.ingest;

import org.jspecify.annotations.Nullable;

import dev.warren.common.InvalidRoutingKeyException;
import dev.warren.common.RoutingKey;

/**
 * What to do with one ingest message: republish it to its destination, or dead-letter it
 * once with a reason. An invalid message is never requeued: it would only fail again.
 *
 * @param routingKey where an accepted message goes; {@code null} when rejected
 * @param reason why a rejected message is rejected; {@code null} when accepted
 * @param detail a human-readable explanation of the rejection
 */
record IngestDecision(@Nullable RoutingKey routingKey, @Nullable DeadLetterReason reason, @Nullable String detail) {

	/**
	 * Decides for one message.
	 * @param receivedRoutingKey the routing key the producer used
	 * @param bodyLength the body's length in bytes
	 * @param maxBodyBytes the largest accepted body
	 * @return the decision
	 */
	static IngestDecision decide(@Nullable String receivedRoutingKey, int bodyLength, int maxBodyBytes) {
		if (bodyLength > maxBodyBytes) {
			return new IngestDecision(null, DeadLetterReason.BODY_TOO_LARGE,
					"body of " + bodyLength + " bytes exceeds the limit of " + maxBodyBytes + " bytes");
		}
		try {
			return new IngestDecision(RoutingKey.parse(receivedRoutingKey), null, null);
		}
		catch (InvalidRoutingKeyException ex) {
			return new IngestDecision(null, DeadLetterReason.INVALID_ROUTING_KEY, ex.getMessage());
		}
	}

	boolean accepted() {
		return this.routingKey != null;
	}

}
