package dev.warren.socket.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import dev.warren.common.ChannelName;
import dev.warren.common.token.InvalidTokenException;
import dev.warren.common.token.TokenVerifier;
import dev.warren.common.token.VerifiedToken;
import dev.warren.socket.session.SessionEndpoint;
import dev.warren.socket.session.SessionRegistry;
import dev.warren.socket.stomp.StompRefusal;

/**
 * Authenticates a STOMP {@code CONNECT}: verifies its token
 * ({@code Authorization: Bearer <token>} or {@code passcode}) and registers the session,
 * which binds {@code client.<id>}; the same rules for every server that holds
 * connections.
 */
public final class ConnectAuthenticator {

	private static final Logger logger = LoggerFactory.getLogger(ConnectAuthenticator.class);

	private static final String AUTHORIZATION = "Authorization";

	private static final String BEARER = "Bearer ";

	private final TokenVerifier verifier;

	private final SessionRegistry sessions;

	private final Counter refused;

	ConnectAuthenticator(TokenVerifier verifier, SessionRegistry sessions, MeterRegistry meters) {
		this.verifier = verifier;
		this.sessions = sessions;
		this.refused = Counter.builder("warren.socket.auth.refused")
			.description("CONNECT frames refused for a missing, forged or expired token")
			.register(meters);
	}

	/**
	 * Verifies the frame's token and registers the session; returns once the client's
	 * binding exists.
	 * @param connect the CONNECT frame
	 * @param sessionId the session
	 * @param endpoint the connection behind the session
	 * @return the client id the token names
	 * @throws StompRefusal {@code Unauthorized} for a missing, forged or expired token,
	 * {@code Unavailable} when the binding could not be made
	 */
	public String connect(StompHeaderAccessor connect, String sessionId, SessionEndpoint endpoint) {
		VerifiedToken token;
		try {
			token = this.verifier.verify(tokenOf(connect));
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
			this.sessions.connect(sessionId, token.clientId(), token.expiresAt(), endpoint);
		}
		catch (AmqpException ex) {
			logger.atWarn()
				.addKeyValue("sessionId", sessionId)
				.addKeyValue("clientId", token.clientId())
				.log("CONNECT failed, no binding: {}", ex.toString());
			throw new StompRefusal("Unavailable", "the message broker is unavailable, retry later");
		}
		return token.clientId();
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
