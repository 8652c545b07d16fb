package dev.warren.common.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Resolves the HMAC key from {@link WarrenJwtProperties}: the configured secret, or in
 * the embedded mode a random one kept in a file both services read.
 */
public final class TokenSecrets {

	/** Shortest accepted secret: HS256 needs a 256-bit key. */
	public static final int MIN_SECRET_BYTES = 32;

	private TokenSecrets() {
	}

	/**
	 * Resolves the key.
	 * @param properties the token settings
	 * @param embedded whether Warren runs in the embedded mode
	 * @return the key bytes, at least {@value #MIN_SECRET_BYTES} long
	 * @throws IllegalStateException when no usable secret is configured
	 */
	public static byte[] resolve(WarrenJwtProperties properties, boolean embedded) {
		if (properties.secret() != null && !properties.secret().isBlank()) {
			byte[] secret = properties.secret().getBytes(StandardCharsets.UTF_8);
			if (secret.length < MIN_SECRET_BYTES) {
				throw new IllegalStateException("WARREN_JWT_SECRET (warren.jwt.secret) is " + secret.length
						+ " bytes long; it must be at least " + MIN_SECRET_BYTES + " bytes");
			}
			return secret;
		}
		if (!embedded) {
			throw new IllegalStateException(
					"WARREN_JWT_SECRET (warren.jwt.secret) is required outside the embedded mode: "
							+ "set it to the same random string of at least " + MIN_SECRET_BYTES
							+ " bytes on publisher-service and every socket-server node");
		}
		return loadOrCreate(properties.secretFile());
	}

	/**
	 * Reads a random secret kept in {@code file}, creating it first when missing: how the
	 * embedded mode gives every service started from one directory the same secrets.
	 * @param file the file, such as {@code ./data/jwt-secret}
	 * @return its content, at least {@value #MIN_SECRET_BYTES} bytes
	 */
	public static byte[] loadOrCreate(Path file) {
		try {
			if (!Files.exists(file)) {
				create(file);
			}
			byte[] secret = Files.readString(file, StandardCharsets.UTF_8).trim().getBytes(StandardCharsets.UTF_8);
			if (secret.length < MIN_SECRET_BYTES) {
				throw new IllegalStateException("The secret in " + file.toAbsolutePath() + " is shorter than "
						+ MIN_SECRET_BYTES + " bytes: delete the file to have a new one generated");
			}
			return secret;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"Could not read or create the embedded token secret " + file.toAbsolutePath(), ex);
		}
	}

	private static void create(Path file) throws IOException {
		byte[] random = new byte[48];
		new SecureRandom().nextBytes(random);
		Path directory = file.toAbsolutePath().getParent();
		Files.createDirectories(directory);
		Path temp = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
		Files.writeString(temp, Base64.getUrlEncoder().withoutPadding().encodeToString(random), StandardCharsets.UTF_8);
		try {
			// The other service may be creating it at the same moment: the first link
			// wins.
			Files.createLink(file, temp);
		}
		catch (FileAlreadyExistsException ex) {
			// keep the one that won
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

}
