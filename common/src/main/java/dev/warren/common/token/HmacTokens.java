package dev.warren.common.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Issues and verifies Warren's tokens: HS256 JWTs whose {@code sub} is the client id,
 * {@code iss} {@value #ISSUER} and {@code aud} {@value #AUDIENCE}, through Spring
 * Security's Nimbus support. A token signed with the same secret for anything else
 * (another issuer, another audience) is refused, so a secret shared with another system
 * does not let that system's tokens in.
 */
public class HmacTokens implements TokenVerifier {

	/** Issuer claim of Warren's tokens. */
	public static final String ISSUER = "warren";

	/** Audience claim of Warren's tokens: the socket-server nodes that accept them. */
	public static final String AUDIENCE = "warren-socket";

	private final NimbusJwtEncoder encoder;

	private final NimbusJwtDecoder decoder;

	private final Clock clock;

	/**
	 * Creates the issuer and verifier.
	 * @param secret the HMAC key, at least {@value TokenSecrets#MIN_SECRET_BYTES} bytes
	 * @param clock clock for issue and expiry times
	 */
	public HmacTokens(byte[] secret, Clock clock) {
		if (secret.length < TokenSecrets.MIN_SECRET_BYTES) {
			throw new IllegalArgumentException(
					"The token secret must be at least " + TokenSecrets.MIN_SECRET_BYTES + " bytes");
		}
		SecretKey key = new SecretKeySpec(secret, "HmacSHA256");
		this.encoder = NimbusJwtEncoder.withSecretKey(key).algorithm(MacAlgorithm.HS256).build();
		this.decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
		// No clock skew: a token is refused the moment it expires, as sessions are closed
		// then.
		JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
		timestamps.setClock(clock);
		this.decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(ISSUER),
				new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
						(audience) -> audience != null && audience.contains(AUDIENCE))));
		this.clock = clock;
	}

	/**
	 * Issues a token for {@code clientId}.
	 * @param clientId the client
	 * @param ttl how long the token stays valid
	 * @return the token and its expiry
	 */
	public IssuedToken issue(String clientId, Duration ttl) {
		Instant now = this.clock.instant();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(ISSUER)
			.audience(List.of(AUDIENCE))
			.subject(clientId)
			.issuedAt(now)
			.expiresAt(now.plus(ttl))
			.id(UUID.randomUUID().toString())
			.build();
		Jwt jwt = this.encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).type("JWT").build(), claims));
		return new IssuedToken(jwt.getTokenValue(), jwt.getExpiresAt());
	}

	@Override
	public VerifiedToken verify(String token) {
		if (token == null || token.isBlank()) {
			throw new InvalidTokenException("no token", null);
		}
		Jwt jwt;
		try {
			jwt = this.decoder.decode(token);
		}
		catch (JwtException ex) {
			throw new InvalidTokenException("invalid token: " + ex.getMessage(), ex);
		}
		if (jwt.getSubject() == null || jwt.getExpiresAt() == null) {
			throw new InvalidTokenException("token without subject or expiry", null);
		}
		return new VerifiedToken(jwt.getSubject(), jwt.getExpiresAt());
	}

}
