package dev.warren.publisher.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import dev.warren.common.token.TokenSecrets;

/**
 * The bootstrap admin token: {@code WARREN_ADMIN_TOKEN}, or in the embedded mode a random
 * one kept in {@code ./data/admin-token}. Only its digest is held, and compared in
 * constant time.
 */
final class AdminToken {

	/** Shortest accepted token. */
	static final int MIN_LENGTH = 32;

	private final byte[] digest;

	private AdminToken(String token) {
		this.digest = Digests.sha256(token);
	}

	/**
	 * Resolves the token.
	 * @param properties the admin settings
	 * @param embedded whether Warren runs in the embedded mode
	 * @return the token
	 * @throws AdminTokenException when none or a short one is configured outside the
	 * embedded mode
	 */
	static AdminToken resolve(AdminProperties properties, boolean embedded) {
		if (properties.token() != null && !properties.token().isBlank()) {
			if (properties.token().length() < MIN_LENGTH) {
				throw new AdminTokenException("WARREN_ADMIN_TOKEN (warren.admin.token) is "
						+ properties.token().length() + " characters long; it must be at least " + MIN_LENGTH);
			}
			return new AdminToken(properties.token());
		}
		if (!embedded) {
			throw new AdminTokenException("WARREN_ADMIN_TOKEN (warren.admin.token) is required outside the "
					+ "embedded mode: the admin API (rabbit channels, API keys) would otherwise be open");
		}
		return new AdminToken(
				new String(TokenSecrets.loadOrCreate(properties.tokenFile()), StandardCharsets.UTF_8).trim());
	}

	boolean matches(String bearer) {
		return MessageDigest.isEqual(this.digest, Digests.sha256(bearer));
	}

}
