package dev.warren.socket.delivery;

import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;

import dev.warren.common.RoutingKey;
import dev.warren.common.WarrenNames;
import dev.warren.socket.session.SessionRegistry;

/**
 * {@link LocalFanout} through Spring's broker channel: private messages to
 * {@code /user/<clientId>/queue/data} (resolved to that client's sessions here), topic
 * messages to {@code /topic/<name>}. The body is the payload as is, with no converter.
 * The broker channel has no executor, so everything up to the sessions' outbound lanes
 * happens on the calling thread, in order.
 */
final class BrokerFanout implements LocalFanout {

	/** {@code /queue/data}: the private destination without its {@code /user} prefix. */
	private static final String PRIVATE_SUFFIX = WarrenNames.PRIVATE_DESTINATION.substring("/user".length());

	private final MessageChannel brokerChannel;

	private final SessionRegistry sessions;

	BrokerFanout(MessageChannel brokerChannel, SessionRegistry sessions) {
		this.brokerChannel = brokerChannel;
		this.sessions = sessions;
	}

	@Override
	public void deliver(RoutingKey target, Delivery delivery) {
		switch (target.kind()) {
			case CLIENT -> toClient(target.name(), delivery);
			case TOPIC -> send(WarrenNames.TOPIC_DESTINATION_PREFIX + target.name(), delivery);
			case BROADCAST -> this.sessions.forEachClient((clientId) -> toClient(clientId, delivery));
		}
	}

	private void toClient(String clientId, Delivery delivery) {
		send("/user/" + clientId + PRIVATE_SUFFIX, delivery);
	}

	private void send(String destination, Delivery delivery) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setDestination(destination);
		headers.setContentType(delivery.contentType());
		if (delivery.id() != null) {
			headers.setNativeHeader(WarrenNames.ID_HEADER, delivery.id());
		}
		if (delivery.publishedAt() != null) {
			headers.setNativeHeader(WarrenNames.PUBLISHED_AT_HEADER, delivery.publishedAt());
		}
		this.brokerChannel.send(MessageBuilder.createMessage(delivery.body(), headers.getMessageHeaders()));
	}

}
