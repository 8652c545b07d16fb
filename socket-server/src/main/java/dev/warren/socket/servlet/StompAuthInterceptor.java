package dev.warren.socket.servlet;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

import dev.warren.common.WarrenNames;
import dev.warren.common.token.VerifiedToken;
import dev.warren.socket.auth.ConnectAuthenticator;
import dev.warren.socket.hub.Hub;
import dev.warren.socket.hub.HubSession;
import dev.warren.socket.hub.Position;
import dev.warren.socket.hub.SubscriptionRules;
import dev.warren.socket.hub.Refusal;
import dev.warren.socket.hub.SessionTransport;
import dev.warren.socket.stomp.StompErrors;

/**
 * Registers the STOMP sessions of Spring's WebSocket handler in the hub: a
 * {@code CONNECT}'s token is verified and the session connected (its client bound) before
 * the frame reaches Spring's broker, so {@code CONNECTED} is only ever sent for a bound
 * client. Refuses every other frame of a session that has not connected, and forgets the
 * session on {@code DISCONNECT}.
 * <p>
 * Runs in {@code preSend} on the thread that read the frame: a refusal thrown here
 * becomes an ERROR frame and a close.
 */
final class StompAuthInterceptor implements ChannelInterceptor {

	private final ConnectAuthenticator authenticator;

	private final Hub hub;

	private final ServletOutlet outlet;

	private final WebSocketSessions sockets;

	private final UnauthorizedNotice unauthorizedNotice;

	private final ConnectDeadline deadline;

	StompAuthInterceptor(ConnectAuthenticator authenticator, Hub hub, ServletOutlet outlet, WebSocketSessions sockets,
			UnauthorizedNotice unauthorizedNotice, ConnectDeadline deadline) {
		this.authenticator = authenticator;
		this.hub = hub;
		this.outlet = outlet;
		this.sockets = sockets;
		this.unauthorizedNotice = unauthorizedNotice;
		this.deadline = deadline;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (accessor == null || accessor.getCommand() == null || accessor.getSessionId() == null) {
			return message;
		}
		String sessionId = accessor.getSessionId();
		switch (accessor.getCommand()) {
			case CONNECT, STOMP -> {
				this.deadline.connectArrived(sessionId);
				StompErrors.negotiate(accessor);
				VerifiedToken token = this.authenticator.verify(ConnectAuthenticator.tokenOf(accessor), sessionId);
				Position since = SubscriptionRules.position(accessor.getFirstNativeHeader(WarrenNames.SINCE_HEADER));
				HubSession session = this.hub.connect(sessionId, token.clientId(), token.expiresAt(),
						new Transport(sessionId), this.outlet, null);
				SubscriptionRules.resumePrivateFrom(session, since);
				accessor.setUser(new ClientPrincipal(token.clientId()));
			}
			case DISCONNECT -> this.hub.disconnect(sessionId);
			default -> {
				if (!this.hub.isConnected(sessionId)) {
					throw Refusal.unauthorized("not connected");
				}
			}
		}
		return message;
	}

	/** A session of Spring's WebSocket handler, known by its id. */
	private final class Transport implements SessionTransport {

		private final String sessionId;

		Transport(String sessionId) {
			this.sessionId = sessionId;
		}

		@Override
		public boolean isOpen() {
			return StompAuthInterceptor.this.sockets.isOpen(this.sessionId);
		}

		@Override
		public void tokenExpired() {
			StompAuthInterceptor.this.unauthorizedNotice.tokenExpired(this.sessionId);
		}

	}

}
