package dev.warren.socket.stomp;

import java.nio.charset.StandardCharsets;

import dev.warren.common.RoutingKey;
import dev.warren.common.WarrenNames;
import dev.warren.socket.edge.EdgeOutlet;
import dev.warren.socket.node.Delivery;

/**
 * MESSAGE frames on the edge: each subscription's {@code MESSAGE\nsubscription:<id>}
 * encoded once when it subscribes, each message's {@link MessageFrameTail} once per
 * message. Bodies that are not text (no {@code text/*} or JSON content type) go out as
 * binary frames.
 */
final class StompEdgeEncoder implements EdgeOutlet.Encoder {

	private final MessageFrameTail tails = new MessageFrameTail("e");

	@Override
	public byte[] prefix(String subscriptionId) {
		return ("MESSAGE\nsubscription:" + MessageFrameTail.escape(subscriptionId)).getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public EdgeOutlet.Payload encode(RoutingKey target, Delivery delivery) {
		return new EdgeOutlet.Payload(this.tails.encode(destination(target), delivery),
				MessageFrameTail.isText(delivery.contentType()));
	}

	/**
	 * The STOMP destination subscribers of {@code target} subscribed to.
	 * @param target a client, a topic or broadcast
	 * @return {@code /topic/<name>}, or the private destination
	 */
	static String destination(RoutingKey target) {
		return (target.kind() == RoutingKey.Kind.TOPIC) ? WarrenNames.TOPIC_DESTINATION_PREFIX + target.name()
				: WarrenNames.PRIVATE_DESTINATION;
	}

}
