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
 * @param encryptionKey the client's Fernet key, only in the answer that created it;
 * {@code null} otherwise
 */
record ClientSession(String clientId, String channel, String token, Instant tokenExpiresAt, String refreshToken,
		Instant refreshTokenExpiresAt, String socketUrl, String encryptionKey) {

	ClientSession(String clientId, String channel, String token, Instant tokenExpiresAt, String refreshToken,
			Instant refreshTokenExpiresAt, String socketUrl) {
		this(clientId, channel, token, tokenExpiresAt, refreshToken, refreshTokenExpiresAt, socketUrl, null);
	}

	ClientSession withEncryptionKey(String key) {
		return new ClientSession(this.clientId, this.channel, this.token, this.tokenExpiresAt, this.refreshToken,
				this.refreshTokenExpiresAt, this.socketUrl, key);
	}

	@Override
	public String toString() {
		return "ClientSession[clientId=" + this.clientId + ", token=******, refreshToken=******, encryptionKey="
				+ ((this.encryptionKey != null) ? "******" : "null") + "]";
	}

}
