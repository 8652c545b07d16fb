package dev.warren.publisher.record;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.BatchMessageListener;
import org.springframework.amqp.core.Message;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.warren.common.record.RecordOp;

/**
 * Keeps the record ledger: takes the records queue in batches, in order (one active
 * consumer), and applies each batch in one transaction, so a batch is in the ledger whole
 * or not at all. While the database is unreachable the batch goes back to the queue and
 * is tried again after a pause: nothing is lost, the ledger just lags.
 */
final class RecordLedger implements BatchMessageListener {

	private static final Logger log = LoggerFactory.getLogger(RecordLedger.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Duration retryDelay;

	RecordLedger(JdbcClient jdbc, TransactionTemplate transactions, Duration retryDelay) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.retryDelay = retryDelay;
	}

	@Override
	public void onMessageBatch(List<Message> messages) {
		List<LedgerEntry> entries = new ArrayList<>(messages.size());
		for (Message message : messages) {
			LedgerEntry entry = LedgerEntry.of(message);
			if (entry != null) {
				entries.add(entry);
			}
		}
		if (entries.isEmpty()) {
			return;
		}
		try {
			this.transactions.executeWithoutResult((status) -> apply(entries));
		}
		catch (DataAccessException | org.springframework.transaction.TransactionException ex) {
			log.atWarn()
				.addKeyValue("warren.records", entries.size())
				.log("record ledger cannot write ({}); retrying in {} ms", ex.getMostSpecificCause().getMessage(),
						this.retryDelay.toMillis());
			pause();
			// Rethrown: the container hands the batch back to the queue, in order.
			throw ex;
		}
	}

	@Override
	public void onMessage(Message message) {
		onMessageBatch(List.of(message));
	}

	private void apply(List<LedgerEntry> entries) {
		this.jdbc.sql("UPDATE warren_record_clock SET seq = seq + :n WHERE id = 1").param("n", entries.size()).update();
		long seq = this.jdbc.sql("SELECT seq FROM warren_record_clock WHERE id = 1").query(Long.class).single()
				- entries.size();
		for (LedgerEntry entry : entries) {
			seq++;
			if (entry.op().op() == RecordOp.Op.CLEAR) {
				clear(entry, seq);
			}
			else {
				write(entry, seq);
			}
		}
	}

	private void write(LedgerEntry entry, long seq) {
		boolean deleted = entry.op().op() == RecordOp.Op.DELETE;
		int updated = this.jdbc
			.sql("UPDATE warren_record SET seq = :seq, deleted = :deleted, body_sha256 = :digest"
					+ " WHERE scope = :scope AND collection = :collection AND record_key = :key")
			.param("seq", seq)
			.param("deleted", deleted)
			.param("digest", entry.bodyDigest())
			.param("scope", entry.scope())
			.param("collection", entry.op().collection())
			.param("key", entry.op().key())
			.update();
		if (updated == 0) {
			// One active consumer writes the ledger, so nobody inserts the row meanwhile.
			this.jdbc
				.sql("INSERT INTO warren_record (scope, collection, record_key, seq, deleted, body_sha256)"
						+ " VALUES (:scope, :collection, :key, :seq, :deleted, :digest)")
				.param("scope", entry.scope())
				.param("collection", entry.op().collection())
				.param("key", entry.op().key())
				.param("seq", seq)
				.param("deleted", deleted)
				.param("digest", entry.bodyDigest())
				.update();
		}
	}

	private void clear(LedgerEntry entry, long seq) {
		this.jdbc.sql("DELETE FROM warren_record WHERE scope = :scope AND collection = :collection")
			.param("scope", entry.scope())
			.param("collection", entry.op().collection())
			.update();
		int updated = this.jdbc
			.sql("UPDATE warren_record_clear SET seq = :seq WHERE scope = :scope AND collection = :collection")
			.param("seq", seq)
			.param("scope", entry.scope())
			.param("collection", entry.op().collection())
			.update();
		if (updated == 0) {
			this.jdbc.sql("INSERT INTO warren_record_clear (scope, collection, seq) VALUES (:scope, :collection, :seq)")
				.param("scope", entry.scope())
				.param("collection", entry.op().collection())
				.param("seq", seq)
				.update();
		}
	}

	private void pause() {
		try {
			Thread.sleep(this.retryDelay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
