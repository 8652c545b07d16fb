package dev.warren.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Tokens Warren did not issue but that are signed with its secret: what another system
 * sharing the secret, or one that copied it, could present.
 */
public final class ForeignTokens {

	private ForeignTokens() {
	}

	/**
	 * Signs an HS256 JWT with {@code secret}, valid for five minutes.
	 * @param secret the HMAC key
	 * @param clientId the {@code sub}
	 * @param issuer the {@code iss}, or {@code null} for none
	 * @param audience the {@code aud}, or an empty list for none
	 * @return the token
	 */
	public static String sign(String secret, String clientId, String issuer, List<String> audience) {
		NimbusJwtEncoder encoder = NimbusJwtEncoder
			.withSecretKey(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
			.algorithm(MacAlgorithm.HS256)
			.build();
		Instant now = Instant.now();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.subject(clientId)
			.issuedAt(now)
			.expiresAt(now.plus(Duration.ofMinutes(5)));
		if (issuer != null) {
			claims.issuer(issuer);
		}
		if (!audience.isEmpty()) {
			claims.audience(audience);
		}
		return encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).type("JWT").build(), claims.build()))
			.getTokenValue();
	}

}
