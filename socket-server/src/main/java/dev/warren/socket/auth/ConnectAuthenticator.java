package dev.warren.socket.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import dev.warren.common.ChannelName;
import dev.warren.common.token.InvalidTokenException;
import dev.warren.common.token.TokenVerifier;
import dev.warren.common.token.VerifiedToken;
import dev.warren.socket.hub.Refusal;
import dev.warren.socket.monitor.NodeWarnings;

/**
 * Decides whether a connection may become a session: verifies its token, the same way for
 * every way in. The way in then registers the session in the hub.
 */
public final class ConnectAuthenticator {

	private static final String AUTHORIZATION = "Authorization";

	private static final String BEARER = "Bearer ";

	private final TokenVerifier verifier;

	private final Counter refused;

	private final NodeWarnings warnings;

	ConnectAuthenticator(TokenVerifier verifier, MeterRegistry meters, NodeWarnings warnings) {
		this.verifier = verifier;
		this.warnings = warnings;
		this.refused = Counter.builder("warren.socket.auth.refused")
			.description("Connections refused for a missing, forged or expired token")
			.register(meters);
	}

	/**
	 * Verifies a token.
	 * @param token the compact JWT, may be {@code null}
	 * @param sessionId the session asking, for logs
	 * @return the verified token
	 * @throws Refusal {@code Unauthorized} for a missing, forged or expired token
	 */
	public VerifiedToken verify(String token, String sessionId) {
		try {
			VerifiedToken verified = this.verifier.verify(token);
			if (!ChannelName.isValid(verified.clientId())) {
				throw new InvalidTokenException("invalid client id in token", null);
			}
			return verified;
		}
		catch (InvalidTokenException ex) {
			this.refused.increment();
			this.warnings.record(null, "token-refused", "session " + sessionId + ": " + ex.getMessage());
			throw Refusal.unauthorized(ex.getMessage());
		}
	}

	/**
	 * The token of a STOMP CONNECT: {@code Authorization: Bearer <token>}, or else
	 * {@code passcode}.
	 * @param connect the frame's headers
	 * @return the token, {@code null} when there is none
	 */
	public static String tokenOf(StompHeaderAccessor connect) {
		String authorization = connect.getFirstNativeHeader(AUTHORIZATION);
		if (authorization == null) {
			authorization = connect.getFirstNativeHeader("authorization");
		}
		String token = bearer(authorization);
		return (token != null) ? token : connect.getPasscode();
	}

	/**
	 * The token of an {@code Authorization} header value.
	 * @param authorization the value, may be {@code null}
	 * @return the token after {@code Bearer }, {@code null} when it is not a bearer token
	 */
	public static String bearer(String authorization) {
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return authorization.substring(BEARER.length()).trim();
		}
		return null;
	}

}
