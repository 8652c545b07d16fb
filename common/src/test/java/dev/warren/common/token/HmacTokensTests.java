package dev.warren.common.token;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HmacTokensTests {

	private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

	private final Instant now = Instant.parse("2026-11-22T10:00:00Z");

	private final HmacTokens tokens = new HmacTokens(SECRET, Clock.fixed(this.now, ZoneOffset.UTC));

	@Test
	void issuedTokenVerifiesWithItsClientAndExpiry() {
		IssuedToken issued = this.tokens.issue("client-1", Duration.ofHours(1));
		assertThat(issued.expiresAt()).isEqualTo(this.now.plus(Duration.ofHours(1)));
		VerifiedToken verified = this.tokens.verify(issued.value());
		assertThat(verified.clientId()).isEqualTo("client-1");
		assertThat(verified.expiresAt()).isEqualTo(issued.expiresAt());
	}

	@Test
	void headerNamesHs256() {
		String header = new String(
				Base64.getUrlDecoder().decode(this.tokens.issue("c", Duration.ofMinutes(1)).value().split("\\.")[0]),
				StandardCharsets.UTF_8);
		assertThat(header).contains("\"alg\":\"HS256\"");
	}

	@Test
	void expiredTokenIsRefused() {
		IssuedToken issued = this.tokens.issue("client-1", Duration.ofSeconds(30));
		HmacTokens later = new HmacTokens(SECRET, Clock.fixed(this.now.plusSeconds(31), ZoneOffset.UTC));
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> later.verify(issued.value()))
			.withMessageContaining("expired");
	}

	@Test
	void tokenSignedWithAnotherSecretIsRefused() {
		HmacTokens other = new HmacTokens("another-secret-another-secret-12".getBytes(StandardCharsets.UTF_8),
				Clock.fixed(this.now, ZoneOffset.UTC));
		String forged = other.issue("client-1", Duration.ofHours(1)).value();
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.tokens.verify(forged));
	}

	@Test
	void tamperedPayloadIsRefused() {
		String[] parts = this.tokens.issue("client-1", Duration.ofHours(1)).value().split("\\.");
		String payload = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("{\"sub\":\"client-2\",\"exp\":4102444800}".getBytes(StandardCharsets.UTF_8));
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> this.tokens.verify(parts[0] + "." + payload + "." + parts[2]));
	}

	@Test
	void unsignedTokenIsRefused() {
		String header = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
		String payload = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("{\"sub\":\"client-2\",\"exp\":4102444800}".getBytes(StandardCharsets.UTF_8));
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> this.tokens.verify(header + "." + payload + "."));
	}

	@Test
	void missingOrGarbageTokenIsRefused() {
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.tokens.verify(null));
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.tokens.verify(" "));
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.tokens.verify("not-a-jwt"));
	}

	@Test
	void shortSecretIsRejected() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new HmacTokens(new byte[31], Clock.systemUTC()));
	}

}
