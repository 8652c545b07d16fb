package dev.warren.publisher.publish;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Remembered {@code Idempotency-Key}s, in the database so that every publisher-service
 * instance sees them. The primary key (credential, key) decides which of two concurrent
 * requests publishes.
 */
@Component
class IdempotencyKeys {

	private final JdbcClient jdbc;

	private final PublishProperties properties;

	private final Clock clock;

	IdempotencyKeys(JdbcClient jdbc, PublishProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Claims a key for a message about to be published.
	 * @param owner the credential
	 * @param key the {@code Idempotency-Key}
	 * @param fingerprint what is published
	 * @param messageId the id it will get
	 * @return empty when claimed (publish it), else the earlier claim within the window
	 */
	Optional<Claim> claim(String owner, String key, String fingerprint, String messageId) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		if (insert(owner, key, fingerprint, messageId, now)) {
			return Optional.empty();
		}
		// Taken: a claim older than the window is forgotten, and the key claimed afresh.
		int expired = this.jdbc
			.sql("DELETE FROM warren_idempotency_key WHERE owner = ? AND idem_key = ? AND created_at < ?")
			.params(owner, key, Timestamp.from(now.minus(this.properties.idempotencyWindow())))
			.update();
		if (expired > 0 && insert(owner, key, fingerprint, messageId, now)) {
			return Optional.empty();
		}
		return this.jdbc
			.sql("SELECT fingerprint, message_id FROM warren_idempotency_key WHERE owner = ? AND idem_key = ?")
			.params(owner, key)
			.query((rs, row) -> new Claim(rs.getString(1), rs.getString(2)))
			.optional();
	}

	/** Whether the row was inserted; {@code false} when the key is taken. */
	private boolean insert(String owner, String key, String fingerprint, String messageId, Instant now) {
		try {
			this.jdbc
				.sql("INSERT INTO warren_idempotency_key (owner, idem_key, fingerprint, message_id, created_at) "
						+ "VALUES (?, ?, ?, ?, ?)")
				.params(owner, key, fingerprint, messageId, Timestamp.from(now))
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/**
	 * Gives a claim up when its message could not be published, so a retry publishes.
	 * @param owner the credential
	 * @param key the key
	 */
	void release(String owner, String key) {
		this.jdbc.sql("DELETE FROM warren_idempotency_key WHERE owner = ? AND idem_key = ?")
			.params(owner, key)
			.update();
	}

	/** Forgets keys past the window, once a minute. */
	@Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
	void forgetExpired() {
		this.jdbc.sql("DELETE FROM warren_idempotency_key WHERE created_at < ?")
			.param(Timestamp.from(this.clock.instant().minus(this.properties.idempotencyWindow())))
			.update();
	}

	/**
	 * An earlier request with the same key.
	 *
	 * @param fingerprint what it published
	 * @param messageId the id it was answered
	 */
	record Claim(String fingerprint, String messageId) {
	}

}
