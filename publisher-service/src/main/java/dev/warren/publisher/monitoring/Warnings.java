package dev.warren.publisher.monitoring;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The {@code warren_warning} table. Whoever notices something records it here, on its own
 * thread and without waiting for the database: warnings wait in a bounded buffer and are
 * written in batches every few seconds. A flood (a client retrying a bad token in a loop)
 * fills the buffer, and what does not fit is counted and written as one warning of its
 * own, so the table and the database stay bounded and the flood still shows.
 */
@Component
public class Warnings {

	/** The node of warnings publisher-service records about itself. */
	public static final String PUBLISHER = "publisher-service";

	static final int BUFFER = 10_000;

	private static final int DETAIL_LENGTH = 500;

	private static final Logger logger = LoggerFactory.getLogger(Warnings.class);

	private final BlockingQueue<Warning> pending = new ArrayBlockingQueue<>(BUFFER);

	private final AtomicLong overflowed = new AtomicLong();

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final MonitoringProperties properties;

	Warnings(JdbcTemplate jdbc, Clock clock, MonitoringProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * Records a warning.
	 * @param occurredAt when it happened
	 * @param node the node that noticed it, or {@link #PUBLISHER}
	 * @param clientId the client concerned, may be {@code null}
	 * @param kind what it is: {@code slow-consumer}, {@code token-refused},
	 * {@code rate-limited}, {@code dead-letter}
	 * @param detail what happened, for people
	 */
	public void record(Instant occurredAt, String node, String clientId, String kind, String detail) {
		record(occurredAt, node, clientId, kind, detail, null);
	}

	/**
	 * Records a warning a node numbered; the same number of the same node is kept once.
	 * @param occurredAt when it happened
	 * @param node the node that noticed it
	 * @param clientId the client concerned, may be {@code null}
	 * @param kind what it is
	 * @param detail what happened
	 * @param nodeSeq the node's number of it, {@code null} for none
	 */
	void record(Instant occurredAt, String node, String clientId, String kind, String detail, Long nodeSeq) {
		String shortDetail = (detail.length() > DETAIL_LENGTH) ? detail.substring(0, DETAIL_LENGTH) : detail;
		if (!this.pending.offer(new Warning(occurredAt, node, clientId, kind, shortDetail, nodeSeq))) {
			this.overflowed.incrementAndGet();
		}
	}

	/**
	 * Records a warning that just happened.
	 * @param node the node that noticed it, or {@link #PUBLISHER}
	 * @param clientId the client concerned, may be {@code null}
	 * @param kind what it is
	 * @param detail what happened
	 */
	public void record(String node, String clientId, String kind, String detail) {
		record(this.clock.instant(), node, clientId, kind, detail);
	}

	/** Writes what waits; a database away keeps it waiting for the next round. */
	@Scheduled(fixedDelay = 2_000, initialDelay = 2_000)
	void flush() {
		List<Warning> batch = new ArrayList<>();
		this.pending.drainTo(batch, 1_000);
		long lost = this.overflowed.getAndSet(0);
		if (lost > 0) {
			batch.add(new Warning(this.clock.instant(), PUBLISHER, null, "warnings-dropped",
					lost + " warnings did not fit in the buffer of " + BUFFER + " and were not recorded", null));
		}
		if (batch.isEmpty()) {
			return;
		}
		for (int i = 0; i < batch.size(); i++) {
			Warning warning = batch.get(i);
			try {
				this.jdbc.update(
						"INSERT INTO warren_warning (occurred_at, node_id, client_id, kind, detail, node_seq)"
								+ " VALUES (?, ?, ?, ?, ?, ?)",
						Timestamp.from(warning.occurredAt()), warning.node(), warning.clientId(), warning.kind(),
						warning.detail(), warning.nodeSeq());
			}
			catch (DuplicateKeyException ex) {
				// Another publisher-service instance wrote this node's warning first.
			}
			catch (DataAccessException ex) {
				List<Warning> rest = batch.subList(i, batch.size());
				logger.atWarn()
					.log("Warnings not written yet, {} kept for the next round: {}", rest.size(), ex.getMessage());
				rest.forEach((kept) -> {
					if (!this.pending.offer(kept)) {
						this.overflowed.incrementAndGet();
					}
				});
				return;
			}
		}
	}

	/** Warnings past {@code warren.monitoring.retention} are deleted hourly. */
	@Scheduled(fixedDelay = 3_600_000, initialDelay = 120_000)
	void forgetOld() {
		this.jdbc.update("DELETE FROM warren_warning WHERE occurred_at < ?",
				Timestamp.from(this.clock.instant().minus(this.properties.retention())));
	}

	private record Warning(Instant occurredAt, String node, String clientId, String kind, String detail, Long nodeSeq) {
	}

}
