package dev.warren.subclient.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where warren-sub finds publisher-service's admin token: given, or the one the embedded
 * mode ({@code ./warren}) generated in {@code ./data/admin-token}.
 */
public final class AdminTokens {

	static final Path EMBEDDED_FILE = Path.of("data", "admin-token");

	private AdminTokens() {
	}

	/**
	 * The token to send.
	 * @param given the {@code --admin-token} option ({@code $WARREN_ADMIN_TOKEN})
	 * @return the token, or {@code null} when there is none
	 */
	public static String resolve(String given) {
		if (given != null && !given.isBlank()) {
			return given.strip();
		}
		if (!Files.isRegularFile(EMBEDDED_FILE)) {
			return null;
		}
		try {
			return Files.readString(EMBEDDED_FILE, StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + EMBEDDED_FILE.toAbsolutePath(), ex);
		}
	}

}
