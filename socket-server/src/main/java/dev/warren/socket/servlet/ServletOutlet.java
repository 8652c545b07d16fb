package dev.warren.socket.servlet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.sockjs.transport.SockJsSession;

import dev.warren.common.RoutingKey;
import dev.warren.common.WarrenNames;
import dev.warren.socket.hub.DeliveredCounter;
import dev.warren.socket.hub.Outlet;
import dev.warren.socket.hub.Subscription;
import dev.warren.socket.lane.SessionOrderedExecutor;
import dev.warren.socket.node.Delivery;
import dev.warren.socket.stomp.MessageFrameTail;

/**
 * The {@link Outlet} of the servlet way in: each message's STOMP frame is encoded once,
 * and every subscriber's frame is its own {@code subscription} line plus the shared rest,
 * written on the session's outbound lane, behind its earlier frames (CONNECTED,
 * RECEIPTs), under the lane's bounds. Spring's broker, which would build a message, a
 * header map and an encoding per subscriber, is not on this path. Bodies that are not
 * text go out as binary frames, except on SockJS, which carries only text.
 */
final class ServletOutlet implements Outlet {

	private final WebSocketSessions sockets;

	private final SessionOrderedExecutor outbound;

	private final DeliveredCounter delivered;

	private final MessageFrameTail tails = new MessageFrameTail("w");

	ServletOutlet(WebSocketSessions sockets, SessionOrderedExecutor outbound, DeliveredCounter delivered) {
		this.sockets = sockets;
		this.outbound = outbound;
		this.delivered = delivered;
	}

	@Override
	public Object prefix(String subscriptionId) {
		return "MESSAGE\nsubscription:" + MessageFrameTail.escape(subscriptionId);
	}

	@Override
	public Object encode(RoutingKey target, Delivery delivery) {
		String destination = (target.kind() == RoutingKey.Kind.TOPIC)
				? WarrenNames.TOPIC_DESTINATION_PREFIX + target.name() : WarrenNames.PRIVATE_DESTINATION;
		return new Encoded(this.tails, destination, delivery);
	}

	@Override
	public void send(Object encoded, Subscription[] subscriptions, int from, int to) {
		Encoded message = (Encoded) encoded;
		for (int i = from; i < to; i++) {
			Subscription subscription = subscriptions[i];
			String sessionId = subscription.session().id();
			WebSocketSession session = this.sockets.session(sessionId);
			if (session == null) {
				continue;
			}
			WebSocketMessage<?> frame = message.frame((String) subscription.prefix(), session);
			this.outbound.execute(sessionId, () -> write(session, frame), message.delivery.body().length);
		}
	}

	private void write(WebSocketSession session, WebSocketMessage<?> frame) {
		if (!session.isOpen()) {
			return;
		}
		try {
			session.sendMessage(frame);
			this.delivered.increment(1);
		}
		catch (IOException | RuntimeException ex) {
			// As Spring's handler does when a send fails: the session cannot be trusted.
			this.sockets.close(session.getId(), CloseStatus.SESSION_NOT_RELIABLE);
		}
	}

	/** One message, encoded as far as its subscribers share it. */
	private static final class Encoded {

		private final MessageFrameTail tails;

		private final String destination;

		private final Delivery delivery;

		private final boolean text;

		private String textTail;

		private byte[] binaryTail;

		Encoded(MessageFrameTail tails, String destination, Delivery delivery) {
			this.tails = tails;
			this.destination = destination;
			this.delivery = delivery;
			this.text = MessageFrameTail.isText(delivery.contentType());
		}

		WebSocketMessage<?> frame(String prefix, WebSocketSession session) {
			if (this.text || session instanceof SockJsSession) {
				if (this.textTail == null) {
					this.textTail = this.tails.build(this.destination, this.delivery);
				}
				return new TextMessage(prefix + this.textTail);
			}
			if (this.binaryTail == null) {
				this.binaryTail = this.tails.encode(this.destination, this.delivery);
			}
			byte[] start = prefix.getBytes(StandardCharsets.UTF_8);
			byte[] frame = new byte[start.length + this.binaryTail.length];
			System.arraycopy(start, 0, frame, 0, start.length);
			System.arraycopy(this.binaryTail, 0, frame, start.length, this.binaryTail.length);
			return new BinaryMessage(frame);
		}

	}

}
