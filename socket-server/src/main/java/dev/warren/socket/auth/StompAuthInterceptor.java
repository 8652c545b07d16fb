package dev.warren.socket.auth;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

import dev.warren.socket.session.SessionRegistry;
import dev.warren.socket.stomp.StompRefusal;

/**
 * Authenticates the STOMP sessions of Spring's WebSocket handler: a {@code CONNECT} goes
 * through {@link ConnectAuthenticator} and gets its user, all before the frame reaches
 * the broker, so {@code CONNECTED} is only ever sent for a bound client. Refuses every
 * other frame of a session that has not connected, and forgets the session on
 * {@code DISCONNECT}.
 * <p>
 * Runs in {@code preSend} on the thread that read the frame: a refusal thrown here
 * becomes an ERROR frame and a close.
 */
final class StompAuthInterceptor implements ChannelInterceptor {

	private final ConnectAuthenticator authenticator;

	private final SessionRegistry sessions;

	StompAuthInterceptor(ConnectAuthenticator authenticator, SessionRegistry sessions) {
		this.authenticator = authenticator;
		this.sessions = sessions;
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
				String clientId = this.authenticator.connect(accessor, sessionId,
						this.sessions.servletEndpoint(sessionId));
				accessor.setUser(new ClientPrincipal(clientId));
			}
			case DISCONNECT -> this.sessions.disconnect(sessionId);
			default -> {
				if (!this.sessions.isConnected(sessionId)) {
					throw StompRefusal.unauthorized("not connected");
				}
			}
		}
		return message;
	}

}
