package dev.warren.publisher.client;

import java.time.Instant;

/**
 * What a client needs to connect: answered by registration and login.
 *
 * @param clientId the client's id, the {@code sub} of its token
 * @param channel the STOMP destination of its private channel
 * @param token a fresh token
 * @param tokenExpiresAt when the token expires
 * @param refreshToken exchanges for the next token at {@code POST /v1/auth/refresh}, once
 * @param refreshTokenExpiresAt when the refresh token expires
 * @param socketUrl where to connect
 */
record ClientSession(String clientId, String channel, String token, Instant tokenExpiresAt, String refreshToken,
		Instant refreshTokenExpiresAt, String socketUrl) {

	@Override
	public String toString() {
		return "ClientSession[clientId=" + this.clientId + ", token=******, refreshToken=******]";
	}

}
