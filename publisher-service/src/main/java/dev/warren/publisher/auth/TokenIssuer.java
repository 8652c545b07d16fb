package dev.warren.publisher.auth;

import java.time.Duration;

import dev.warren.common.token.HmacTokens;
import dev.warren.common.token.IssuedToken;

/**
 * Issues client tokens with the configured lifetime ({@code warren.jwt.ttl}).
 */
public class TokenIssuer {

	private final HmacTokens tokens;

	private final Duration ttl;

	TokenIssuer(HmacTokens tokens, Duration ttl) {
		this.tokens = tokens;
		this.ttl = ttl;
	}

	/**
	 * Issues a fresh token.
	 * @param clientId the client it is for
	 * @return the token and its expiry
	 */
	public IssuedToken issue(String clientId) {
		return this.tokens.issue(clientId, this.ttl);
	}

}
