package dev.warren.publisher.record;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.warren.common.RoutingKey;
import dev.warren.common.record.RecordChecksum;

/**
 * What a client's replica of a collection should hold, from the record ledger: the
 * records of every scope the client receives (its private channel, broadcasts, and the
 * topics it follows), each at its latest operation across those scopes, after the latest
 * clear among them.
 */
@Component
class RecordChecksums {

	private final JdbcClient jdbc;

	RecordChecksums(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The expected rows and checksum of a collection for a client.
	 * @param clientId the client
	 * @param collection the collection
	 * @param topics the topics the client follows
	 * @return the expected state
	 */
	Expected expected(String clientId, String collection, List<String> topics) {
		List<String> scopes = new ArrayList<>(topics.size() + 2);
		scopes.add(RoutingKey.client(clientId).deliveryKey());
		scopes.add(RoutingKey.broadcast().deliveryKey());
		topics.forEach((topic) -> scopes.add(RoutingKey.topic(topic).deliveryKey()));
		long cleared = this.jdbc
			.sql("SELECT COALESCE(MAX(seq), 0) FROM warren_record_clear WHERE collection = :collection"
					+ " AND scope IN (:scopes)")
			.param("collection", collection)
			.param("scopes", scopes)
			.query(Long.class)
			.single();
		Map<String, Latest> latest = new HashMap<>();
		this.jdbc
			.sql("SELECT record_key, seq, deleted, body_sha256 FROM warren_record WHERE collection = :collection"
					+ " AND scope IN (:scopes) AND seq > :cleared")
			.param("collection", collection)
			.param("scopes", scopes)
			.param("cleared", cleared)
			.query((rs) -> {
				Latest row = new Latest(rs.getLong("seq"), rs.getBoolean("deleted"), rs.getString("body_sha256"));
				latest.merge(rs.getString("record_key"), row, (a, b) -> (a.seq() > b.seq()) ? a : b);
			});
		TreeMap<String, String> records = new TreeMap<>();
		latest.forEach((key, row) -> {
			if (!row.deleted()) {
				records.put(key, row.digest());
			}
		});
		return new Expected(clientId, collection, List.copyOf(topics), records.size(), RecordChecksum.of(records));
	}

	private record Latest(long seq, boolean deleted, String digest) {
	}

	/**
	 * The answer of {@code GET /v1/clients/{clientId}/collections/{collection}/checksum}.
	 *
	 * @param clientId the client
	 * @param collection the collection
	 * @param topics the topics counted besides the private channel and broadcasts
	 * @param rows how many records the replica should hold
	 * @param checksum their checksum, see {@link RecordChecksum}
	 */
	record Expected(String clientId, String collection, List<String> topics, int rows, String checksum) {
	}

}
