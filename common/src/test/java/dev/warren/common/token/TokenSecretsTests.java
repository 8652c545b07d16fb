package dev.warren.common.token;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TokenSecretsTests {

	@TempDir
	Path dir;

	@Test
	void configuredSecretIsUsed() {
		byte[] secret = TokenSecrets.resolve(properties("s".repeat(32)), false);
		assertThat(secret).hasSize(32);
	}

	@Test
	void shortSecretIsRefusedWithItsLength() {
		assertThatIllegalStateException().isThrownBy(() -> TokenSecrets.resolve(properties("short"), false))
			.withMessageContaining("5 bytes")
			.withMessageContaining("at least 32");
	}

	@Test
	void missingSecretOutsideEmbeddedModeIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> TokenSecrets.resolve(properties(null), false))
			.withMessageContaining("WARREN_JWT_SECRET");
	}

	@Test
	void embeddedModeGeneratesOneSecretAndKeepsIt() {
		byte[] first = TokenSecrets.resolve(properties(null), true);
		byte[] second = TokenSecrets.resolve(properties(null), true);
		assertThat(first).hasSizeGreaterThanOrEqualTo(32).isEqualTo(second);
		assertThat(this.dir.resolve("jwt-secret")).exists();
	}

	private WarrenJwtProperties properties(String secret) {
		return new WarrenJwtProperties(secret, Duration.ofHours(1), this.dir.resolve("jwt-secret"));
	}

}
