package dev.warren.common.token;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

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
	void issuedTokenNamesWarrenAsIssuerAndTheNodesAsAudience() {
		String payload = new String(
				Base64.getUrlDecoder().decode(this.tokens.issue("c", Duration.ofMinutes(1)).value().split("\\.")[1]),
				StandardCharsets.UTF_8);
		assertThat(payload).contains("\"iss\":\"warren\"").contains("\"aud\":\"warren-socket\"");
	}

	@Test
	void tokenWithTheRightSecretButAnotherIssuerOrAudienceIsRefused() {
		assertThat(this.tokens.verify(signed("warren", List.of("warren-socket"))).clientId()).isEqualTo("client-1");
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> this.tokens.verify(signed("another-system", List.of("warren-socket"))))
			.withMessageContaining("iss");
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> this.tokens.verify(signed(null, List.of("warren-socket"))));
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> this.tokens.verify(signed("warren", List.of("another-service"))))
			.withMessageContaining("aud");
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> this.tokens.verify(signed("warren", List.of())));
	}

	/** A token signed with Warren's secret by someone else, with these claims. */
	private String signed(String issuer, List<String> audience) {
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.subject("client-1")
			.issuedAt(this.now)
			.expiresAt(this.now.plus(Duration.ofMinutes(5)));
		if (issuer != null) {
			claims.issuer(issuer);
		}
		if (!audience.isEmpty()) {
			claims.audience(audience);
		}
		return NimbusJwtEncoder.withSecretKey(new SecretKeySpec(SECRET, "HmacSHA256"))
			.algorithm(MacAlgorithm.HS256)
			.build()
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
			.getTokenValue();
	}

	@Test
	void shortSecretIsRejected() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new HmacTokens(new byte[31], Clock.systemUTC()));
	}

}
