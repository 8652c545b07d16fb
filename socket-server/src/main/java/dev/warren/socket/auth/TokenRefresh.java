package dev.warren.socket.auth;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import dev.warren.common.token.VerifiedToken;
import dev.warren.socket.hub.Hub;

/**
 * Replaces a live session's token in band, the same for every way in: a client that
 * fetched a fresh token ({@code POST /v1/auth/refresh}) hands it to its open session,
 * which then lasts until that token expires instead of being closed at the first one's.
 * The token is verified as on CONNECT and must name the session's own client.
 */
public final class TokenRefresh {

	/**
	 * Where a STOMP client sends its fresh token: a {@code SEND} whose body is the token.
	 */
	public static final String DESTINATION = "/app/auth/refresh";

	/** RECEIPT header: when the session expires now, epoch milliseconds. */
	public static final String EXPIRES_AT_HEADER = "warren-expires-at";

	private final ConnectAuthenticator authenticator;

	private final Hub hub;

	public TokenRefresh(ConnectAuthenticator authenticator, Hub hub) {
		this.authenticator = authenticator;
		this.hub = hub;
	}

	/**
	 * Gives a session a fresh token.
	 * @param sessionId the session
	 * @param token the compact JWT, may be {@code null}
	 * @return when the session expires now
	 * @throws dev.warren.socket.hub.Refusal {@code Unauthorized} for a missing, forged or
	 * expired token or a session past its expiry, {@code Forbidden} for another client's
	 */
	public Instant refresh(String sessionId, String token) {
		VerifiedToken verified = this.authenticator.verify(token, sessionId);
		return this.hub.refresh(sessionId, verified.clientId(), verified.expiresAt());
	}

	/**
	 * The token a STOMP {@code SEND} carries as its body.
	 * @param body the body
	 * @return the token, {@code null} for an empty body
	 */
	public static String tokenOf(byte[] body) {
		String token = new String(body, StandardCharsets.UTF_8).strip();
		return token.isEmpty() ? null : token;
	}

}
