package dev.warren.socket.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

import dev.warren.common.ChannelName;
import dev.warren.common.token.InvalidTokenException;
import dev.warren.common.token.TokenVerifier;
import dev.warren.common.token.VerifiedToken;
import dev.warren.socket.session.SessionRegistry;
import dev.warren.socket.stomp.StompRefusal;

/**
 * Authenticates STOMP sessions: verifies the token of a {@code CONNECT}
 * ({@code Authorization: Bearer <token>} or {@code passcode}), registers the session
 * (which binds {@code client.<id>}) and sets its user, all before the frame reaches the
 * broker, so {@code CONNECTED} is only ever sent for a bound client. Refuses every other
 * frame of a session that has not connected, and forgets the session on
 * {@code DISCONNECT}.
 * <p>
 * Runs in {@code preSend} on the thread that read the frame: a refusal thrown here
 * becomes an ERROR frame and a close.
 */
final class StompAuthInterceptor implements ChannelInterceptor {

	private static final Logger logger = LoggerFactory.getLogger(StompAuthInterceptor.class);

	private static final String AUTHORIZATION = "Authorization";

	private static final String BEARER = "Bearer ";

	private final TokenVerifier verifier;

	private final SessionRegistry sessions;

	private final Counter refused;

	StompAuthInterceptor(TokenVerifier verifier, SessionRegistry sessions, MeterRegistry meters) {
		this.verifier = verifier;
		this.sessions = sessions;
		this.refused = Counter.builder("warren.socket.auth.refused")
			.description("CONNECT frames refused for a missing, forged or expired token")
			.register(meters);
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (accessor == null || accessor.getCommand() == null || accessor.getSessionId() == null) {
			return message;
		}
		String sessionId = accessor.getSessionId();
		switch (accessor.getCommand()) {
			case CONNECT, STOMP -> connect(accessor, sessionId);
			case DISCONNECT -> this.sessions.disconnect(sessionId);
			default -> {
				if (!this.sessions.isConnected(sessionId)) {
					throw StompRefusal.unauthorized("not connected");
				}
			}
		}
		return message;
	}

	private void connect(StompHeaderAccessor accessor, String sessionId) {
		VerifiedToken token;
		try {
			token = this.verifier.verify(tokenOf(accessor));
			if (!ChannelName.isValid(token.clientId())) {
				throw new InvalidTokenException("invalid client id in token", null);
			}
		}
		catch (InvalidTokenException ex) {
			this.refused.increment();
			logger.atInfo().addKeyValue("sessionId", sessionId).log("CONNECT refused: {}", ex.getMessage());
			throw StompRefusal.unauthorized(ex.getMessage());
		}
		try {
			this.sessions.connect(sessionId, token.clientId(), token.expiresAt());
		}
		catch (AmqpException ex) {
			logger.atWarn()
				.addKeyValue("sessionId", sessionId)
				.addKeyValue("clientId", token.clientId())
				.log("CONNECT failed, no binding: {}", ex.toString());
			throw new StompRefusal("Unavailable", "the message broker is unavailable, retry later");
		}
		accessor.setUser(new ClientPrincipal(token.clientId()));
	}

	private static String tokenOf(StompHeaderAccessor accessor) {
		String authorization = accessor.getFirstNativeHeader(AUTHORIZATION);
		if (authorization == null) {
			authorization = accessor.getFirstNativeHeader("authorization");
		}
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return authorization.substring(BEARER.length()).trim();
		}
		return accessor.getPasscode();
	}

}
