package dev.warren.publisher.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * BCrypt password hashes. BCrypt reads at most 72 bytes, while passwords may be 128
 * characters (up to 512 UTF-8 bytes): each password is first reduced to its SHA-256
 * digest in Base64 (44 bytes), so every character counts and no input is too long.
 */
@Component
class PasswordHasher {

	private final BCryptPasswordEncoder encoder;

	PasswordHasher(ClientProperties properties) {
		this.encoder = new BCryptPasswordEncoder(properties.passwordStrength());
	}

	String hash(String password) {
		return this.encoder.encode(digest(password));
	}

	boolean matches(String password, String hash) {
		return this.encoder.matches(digest(password), hash);
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
