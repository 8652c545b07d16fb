package dev.warren.socket.delivery;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.SubscriptionRegistry;
import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MultiValueMap;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import dev.warren.common.RoutingKey;
import dev.warren.common.WarrenNames;
import dev.warren.socket.session.SessionOrderedExecutor;
import dev.warren.socket.session.WebSocketSessions;

/**
 * {@link LocalFanout} that encodes each message's STOMP frame once and hands every
 * subscriber only its {@code subscription} line plus the shared rest. Spring's simple
 * broker builds a message, a header map and an encoding per subscriber, which was most of
 * a node's CPU under fan-out (docs/benchmarks.md). Who receives what is still decided by
 * Spring's registries, so subscribe, unsubscribe and receipts keep their meaning:
 * subscriptions come from the simple broker's {@link SubscriptionRegistry} (private
 * subscriptions live there under {@code /queue/data-user<sessionId>}, as Spring's user
 * destination resolver names them), a client's sessions from the
 * {@link SimpUserRegistry}. Each frame is written on the session's outbound lane, behind
 * its earlier frames, under the lane's bounds. Bodies that are not text (no
 * {@code text/*} or JSON content type) go through {@code fallback}, which sends them as
 * binary frames.
 */
final class EncodedFanout implements LocalFanout {

	private static final byte[] NO_PAYLOAD = new byte[0];

	private static final String PRIVATE_QUEUE = WarrenNames.PRIVATE_DESTINATION.substring("/user".length());

	private final SubscriptionRegistry subscriptions;

	private final SimpUserRegistry users;

	private final WebSocketSessions sockets;

	private final SessionOrderedExecutor outbound;

	private final LocalFanout fallback;

	private final DeliveredCounter delivered;

	private final MessageFrameTail tails = new MessageFrameTail("w");

	EncodedFanout(SubscriptionRegistry subscriptions, SimpUserRegistry users, WebSocketSessions sockets,
			SessionOrderedExecutor outbound, LocalFanout fallback, DeliveredCounter delivered) {
		this.subscriptions = subscriptions;
		this.users = users;
		this.sockets = sockets;
		this.outbound = outbound;
		this.fallback = fallback;
		this.delivered = delivered;
	}

	@Override
	public void deliver(RoutingKey target, Delivery delivery) {
		if (!MessageFrameTail.isText(delivery.contentType())) {
			this.fallback.deliver(target, delivery);
			return;
		}
		switch (target.kind()) {
			case TOPIC -> {
				String destination = WarrenNames.TOPIC_DESTINATION_PREFIX + target.name();
				send(lookup(destination), this.tails.build(destination, delivery), delivery.body().length);
			}
			case CLIENT ->
				toClient(target.name(), this.tails.build(WarrenNames.PRIVATE_DESTINATION, delivery), delivery);
			case BROADCAST -> {
				String tail = this.tails.build(WarrenNames.PRIVATE_DESTINATION, delivery);
				for (SimpUser user : this.users.getUsers()) {
					toClient(user.getName(), tail, delivery);
				}
			}
		}
	}

	private void toClient(String clientId, String tail, Delivery delivery) {
		SimpUser user = this.users.getUser(clientId);
		if (user == null) {
			return;
		}
		for (SimpSession session : user.getSessions()) {
			send(lookup(PRIVATE_QUEUE + "-user" + session.getId()), tail, delivery.body().length);
		}
	}

	private MultiValueMap<String, String> lookup(String destination) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setDestination(destination);
		headers.setLeaveMutable(true);
		Message<byte[]> probe = MessageBuilder.createMessage(NO_PAYLOAD, headers.getMessageHeaders());
		return this.subscriptions.findSubscriptions(probe);
	}

	private void send(MultiValueMap<String, String> audience, String tail, int bodyBytes) {
		for (Map.Entry<String, List<String>> entry : audience.entrySet()) {
			String sessionId = entry.getKey();
			WebSocketSession session = this.sockets.session(sessionId);
			if (session == null) {
				continue;
			}
			for (String subscriptionId : entry.getValue()) {
				TextMessage frame = new TextMessage(
						"MESSAGE\nsubscription:" + MessageFrameTail.escape(subscriptionId) + tail);
				this.outbound.execute(sessionId, () -> write(session, frame), bodyBytes);
			}
		}
	}

	private void write(WebSocketSession session, TextMessage frame) {
		if (!session.isOpen()) {
			return;
		}
		try {
			session.sendMessage(frame);
			this.delivered.increment();
		}
		catch (IOException | RuntimeException ex) {
			// As Spring's handler does when a send fails: the session cannot be trusted.
			this.sockets.close(session.getId(), CloseStatus.SESSION_NOT_RELIABLE);
		}
	}

}
