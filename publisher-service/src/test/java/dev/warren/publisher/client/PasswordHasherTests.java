package dev.warren.publisher.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTests {

	private final PasswordHasher hasher = new PasswordHasher(new ClientProperties("ws://localhost:8091/ws", 4));

	@Test
	void hashesWithBcryptAndMatches() {
		String hash = this.hasher.hash("secret123");
		assertThat(hash).startsWith("$2a$04$").doesNotContain("secret123");
		assertThat(this.hasher.matches("secret123", hash)).isTrue();
		assertThat(this.hasher.matches("secret124", hash)).isFalse();
	}

	@Test
	void everyCharacterOfALongPasswordCounts() {
		// BCrypt alone would ignore everything past 72 bytes.
		String base = "p".repeat(100);
		String hash = this.hasher.hash(base + "A");
		assertThat(this.hasher.matches(base + "A", hash)).isTrue();
		assertThat(this.hasher.matches(base + "B", hash)).isFalse();
	}

	@Test
	void acceptsMultiByteCharactersAtTheMaximumLength() {
		String password = "ü".repeat(128);
		assertThat(this.hasher.matches(password, this.hasher.hash(password))).isTrue();
	}

}
