package dev.warren.publisher.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTests {

	private final PasswordHasher hasher = new PasswordHasher(
			new ClientProperties("ws://localhost:8091/ws", SocketUrlStrategy.FIXED, 4, Duration.ofDays(30)));

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

	@Test
	void noAccountCostsABcryptComparisonAndNeverMatches() {
		List<String> compared = new ArrayList<>();
		BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
		PasswordHasher counted = new PasswordHasher(new PasswordEncoder() {

			@Override
			public String encode(CharSequence raw) {
				return bcrypt.encode(raw);
			}

			@Override
			public boolean matches(CharSequence raw, String encoded) {
				compared.add(encoded);
				return bcrypt.matches(raw, encoded);
			}

		});
		assertThat(counted.matches("any-password", null)).isFalse();
		assertThat(counted.matches("", null)).isFalse();
		// Against a real BCrypt hash, as for a wrong password: the same work, the same
		// time.
		assertThat(compared).hasSize(2).allSatisfy((hash) -> assertThat(hash).startsWith("$2a$04$"));
	}

}
