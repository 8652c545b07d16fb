package dev.warren.subclient.http;

/**
 * What publisher-service answers to a registration or a login.
 *
 * @param clientId the client's id
 * @param token the token for the socket-server's CONNECT
 * @param tokenExpiresAt when the token expires (ISO-8601)
 * @param socketUrl where publisher-service says to connect, may be {@code null}
 */
public record ClientSession(String clientId, String token, String tokenExpiresAt, String socketUrl) {
}
