package dev.warren.publisher.client;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.warren.common.token.IssuedToken;
import dev.warren.publisher.security.Digests;
import dev.warren.publisher.security.Secrets;

/**
 * Refresh tokens: 256 random bits, kept as their SHA-256, rotated on every use. A login
 * starts a family; a refresh marks its token used and issues the next one of the family,
 * valid for {@code warren.publisher.refresh-token-ttl} from then. A used token presented
 * again means two parties hold the family (a stolen token, or a client that lost an
 * answer), so the whole family is revoked and both must log in again. Rotation is one
 * conditional update, so of two refreshes racing with one token exactly one wins.
 */
@Service
class RefreshTokens {

	private final JdbcClient jdbc;

	private final Duration ttl;

	private final Clock clock;

	RefreshTokens(JdbcClient jdbc, ClientProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.ttl = properties.refreshTokenTtl();
		this.clock = clock;
	}

	/**
	 * Starts a family for a login.
	 * @param clientId the client
	 * @return the first token of the family
	 */
	IssuedToken issue(String clientId) {
		return issue(clientId, UUID.randomUUID().toString(), now());
	}

	/**
	 * Exchanges a token for the next one of its family.
	 * @param presented the token the client sent
	 * @return the client and its next token
	 * @throws RefreshTokenException when the token is unknown, expired, revoked or used
	 * (then its family is revoked, and stays so: the exception does not roll that back)
	 */
	@Transactional(noRollbackFor = RefreshTokenException.class)
	Rotated rotate(String presented) {
		Instant now = now();
		String hash = Digests.sha256Hex(presented);
		Stored stored = find(hash).orElseThrow(() -> new RefreshTokenException("The refresh token is unknown."));
		if (stored.revokedAt() != null) {
			throw new RefreshTokenException("The refresh token was revoked.");
		}
		if (stored.usedAt() != null) {
			revokeFamily(stored.familyId(), now);
			throw new RefreshTokenException(
					"The refresh token was already used: every token of its login is revoked, log in again.");
		}
		if (!now.isBefore(stored.expiresAt())) {
			throw new RefreshTokenException("The refresh token expired.");
		}
		int marked = this.jdbc
			.sql("UPDATE warren_refresh_token SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"
					+ " AND revoked_at IS NULL")
			.params(Timestamp.from(now), hash)
			.update();
		if (marked == 0) {
			// Used (or revoked) by a request that raced this one.
			revokeFamily(stored.familyId(), now);
			throw new RefreshTokenException(
					"The refresh token was already used: every token of its login is revoked, log in again.");
		}
		return new Rotated(stored.clientId(), issue(stored.clientId(), stored.familyId(), now));
	}

	/**
	 * Revokes the family of a token (a logout). An unknown token changes nothing, as RFC
	 * 7009 has it: the answer tells a caller nothing about which tokens exist.
	 * @param presented the token
	 */
	@Transactional
	void revoke(String presented) {
		find(Digests.sha256Hex(presented)).ifPresent((stored) -> revokeFamily(stored.familyId(), now()));
	}

	/** Expired tokens are of no use, not even to detect a reuse: forgotten hourly. */
	@Scheduled(fixedDelay = 3_600_000, initialDelay = 60_000)
	void forgetExpired() {
		this.jdbc.sql("DELETE FROM warren_refresh_token WHERE expires_at < ?").param(Timestamp.from(now())).update();
	}

	private IssuedToken issue(String clientId, String familyId, Instant now) {
		String token = Secrets.random256();
		Instant expiresAt = now.plus(this.ttl);
		this.jdbc
			.sql("INSERT INTO warren_refresh_token (token_hash, family_id, client_id, created_at, expires_at)"
					+ " VALUES (?, ?, ?, ?, ?)")
			.params(Digests.sha256Hex(token), familyId, clientId, Timestamp.from(now), Timestamp.from(expiresAt))
			.update();
		return new IssuedToken(token, expiresAt);
	}

	private Optional<Stored> find(String hash) {
		return this.jdbc
			.sql("SELECT family_id, client_id, expires_at, used_at, revoked_at FROM warren_refresh_token"
					+ " WHERE token_hash = ?")
			.param(hash)
			.query((rs, row) -> new Stored(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
					instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5))))
			.optional();
	}

	private void revokeFamily(String familyId, Instant now) {
		this.jdbc.sql("UPDATE warren_refresh_token SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")
			.params(Timestamp.from(now), familyId)
			.update();
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * A refresh's outcome.
	 *
	 * @param clientId whose token it was
	 * @param next the next token of the family
	 */
	record Rotated(String clientId, IssuedToken next) {
	}

	private record Stored(String familyId, String clientId, Instant expiresAt, Instant usedAt, Instant revokedAt) {
	}

}
