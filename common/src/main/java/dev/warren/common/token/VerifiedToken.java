package dev.warren.common.token;

import java.time.Instant;

/**
 * A token that passed verification.
 *
 * @param clientId the client it was issued to ({@code sub})
 * @param expiresAt when it stops being valid
 */
public record VerifiedToken(String clientId, Instant expiresAt) {
}
