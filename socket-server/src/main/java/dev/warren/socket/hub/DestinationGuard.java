package dev.warren.socket.hub;

import dev.warren.common.ChannelName;
import dev.warren.common.RoutingKey;
import dev.warren.common.WarrenNames;

/**
 * Which destinations a client may subscribe to: its own private channel
 * {@code /user/queue/data}, and {@code /topic/<name>} with a valid name. Everything else
 * is refused, in particular the broker's real names for private channels
 * ({@code /queue/data-user<sessionId>}), another user's {@code /user/<id>/...}, patterns
 * and nested topics, so a client can never reach another client's messages.
 */
final class DestinationGuard {

	private static final String TOPIC_PREFIX = WarrenNames.TOPIC_DESTINATION_PREFIX;

	private DestinationGuard() {
	}

	/**
	 * The routing key a subscription to {@code destination} depends on.
	 * @param destination the SUBSCRIBE destination, may be {@code null}
	 * @param clientId the subscribing client
	 * @return {@code client.<clientId>} for the private channel, {@code topic.<name>} for
	 * a topic, {@code null} when the destination is refused
	 */
	static RoutingKey interest(String destination, String clientId) {
		if (destination == null) {
			return null;
		}
		if (destination.equals(WarrenNames.PRIVATE_DESTINATION)) {
			return RoutingKey.client(clientId);
		}
		if (destination.startsWith(TOPIC_PREFIX)
				&& ChannelName.isValid(destination, TOPIC_PREFIX.length(), destination.length())) {
			return RoutingKey.topic(destination.substring(TOPIC_PREFIX.length()));
		}
		return null;
	}

}
