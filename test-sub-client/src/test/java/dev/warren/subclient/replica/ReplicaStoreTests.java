package dev.warren.subclient.replica;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warren.common.record.RecordChecksum;
import dev.warren.common.record.RecordOp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replica's SQLite database on a real file: operations, positions, and a reopen that
 * finds both where they were.
 */
class ReplicaStoreTests {

	@Test
	void operationsAndPositionsSurviveAReopen(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("replica.db");
		try (ReplicaStore store = ReplicaStore.open(file)) {
			store.apply("/user/queue/data", "1-a", RecordOp.of("upsert", "people", "1"), "application/json",
					bytes("{\"n\":1}"));
			store.apply("/user/queue/data", "2-b", RecordOp.of("upsert", "people", "2"), "application/json",
					bytes("{\"n\":2}"));
			store.apply("/topic/staff", "3-c", RecordOp.of("upsert", "people.v2", "x"), null, bytes("x"));
			store.apply("/topic/staff", "4-d", RecordOp.of("delete", "people", "1"), null, new byte[0]);
			store.apply("/user/queue/data", "5-e", null, null, bytes("not a record"));
		}
		try (ReplicaStore store = ReplicaStore.open(file)) {
			assertThat(store.positions()).containsEntry("/user/queue/data", "5-e").containsEntry("/topic/staff", "4-d");
			TreeMap<String, String> people = new TreeMap<>();
			people.put("2", RecordChecksum.bodyDigest(bytes("{\"n\":2}")));
			assertThat(store.collections()).containsOnlyKeys("people", "people.v2");
			assertThat(store.collections().get("people"))
				.isEqualTo(new ReplicaStore.CollectionState("people", 1, RecordChecksum.of(people)));
			store.apply("/topic/staff", "6-f", RecordOp.of("clear", "people", null), null, new byte[0]);
			assertThat(store.collections().get("people").rows()).isZero();
			store.forget("/topic/staff");
			assertThat(store.positions()).containsOnlyKeys("/user/queue/data");
		}
	}

	@Test
	void theLastWriterByPositionWinsWhateverTheOrderOfArrival(@TempDir Path dir) throws Exception {
		try (ReplicaStore store = ReplicaStore.open(dir.resolve("replica.db"))) {
			// The private channel resumed first and delivered a later delete...
			store.apply("/user/queue/data", "20-a", RecordOp.of("delete", "people", "1"), null, new byte[0]);
			store.apply("/user/queue/data", "22-b", RecordOp.of("upsert", "people", "2"), null, bytes("new"));
			// ...then the topic's replay brings the older writes of the same records.
			store.apply("/topic/staff", "10-c", RecordOp.of("upsert", "people", "1"), null, bytes("old"));
			store.apply("/topic/staff", "11-d", RecordOp.of("upsert", "people", "2"), null, bytes("old"));
			store.apply("/topic/staff", "21-e", RecordOp.of("clear", "people", null), null, new byte[0]);
			store.apply("/topic/staff", "15-f", RecordOp.of("upsert", "people", "3"), null, bytes("before clear"));
			TreeMap<String, String> expected = new TreeMap<>();
			expected.put("2", RecordChecksum.bodyDigest(bytes("new")));
			assertThat(store.collections().get("people"))
				.isEqualTo(new ReplicaStore.CollectionState("people", 1, RecordChecksum.of(expected)));
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
