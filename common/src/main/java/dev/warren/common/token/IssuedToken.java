package dev.warren.common.token;

import java.time.Instant;

/**
 * A freshly issued token.
 *
 * @param value the compact JWT
 * @param expiresAt when it stops being valid
 */
public record IssuedToken(String value, Instant expiresAt) {
}
