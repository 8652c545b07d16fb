package dev.warren.publisher.security;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * New credentials handed out once and stored only as their {@link Digests SHA-256}: API
 * keys and refresh tokens alike are 256 random bits in base64url (43 characters).
 */
public final class Secrets {

	private static final SecureRandom random = new SecureRandom();

	private static final Base64.Encoder text = Base64.getUrlEncoder().withoutPadding();

	private Secrets() {
	}

	/**
	 * A new secret.
	 * @return 256 random bits in base64url, without padding
	 */
	public static String random256() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return text.encodeToString(bytes);
	}

}
