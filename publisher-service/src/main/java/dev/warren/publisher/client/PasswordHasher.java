package dev.warren.publisher.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * BCrypt password hashes. BCrypt reads at most 72 bytes, while passwords may be 128
 * characters (up to 512 UTF-8 bytes): each password is first reduced to its SHA-256
 * digest in Base64 (44 bytes), so every character counts and no input is too long.
 */
@Component
class PasswordHasher {

	private final PasswordEncoder encoder;

	/**
	 * A hash of a random password, compared against when there is no account: a login for
	 * an unknown email then costs the same BCrypt run as a wrong password, so the time of
	 * the answer does not tell which emails are registered.
	 */
	private final String noAccountHash;

	@Autowired
	PasswordHasher(ClientProperties properties) {
		this(new BCryptPasswordEncoder(properties.passwordStrength()));
	}

	PasswordHasher(PasswordEncoder encoder) {
		this.encoder = encoder;
		this.noAccountHash = encoder.encode(digest(UUID.randomUUID().toString()));
	}

	String hash(String password) {
		return this.encoder.encode(digest(password));
	}

	/**
	 * Checks a password against an account's hash.
	 * @param password the password given
	 * @param hash the account's hash, or {@code null} when there is no such account
	 * @return whether it matches; never for {@code null}, which takes as long to answer
	 */
	boolean matches(String password, @Nullable String hash) {
		boolean matches = this.encoder.matches(digest(password), (hash != null) ? hash : this.noAccountHash);
		return matches && hash != null;
	}

	private static String digest(String password) {
		try {
			byte[] sha = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(sha);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

}
