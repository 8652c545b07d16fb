package dev.warren.subclient.replica;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.warren.common.record.RecordChecksum;
import dev.warren.common.record.RecordOp;

/**
 * The replica's SQLite database: one table per collection ({@code "<collection>"}:
 * {@code record_key}, {@code body}, {@code content_type}, {@code body_sha256},
 * {@code position}, {@code record_offset}, {@code deleted}), the last position received
 * per destination (table {@code "warren:position"}, a name no collection can have) and
 * the offset of each collection's last clear ({@code "warren:clear"}). Each message is
 * applied in one transaction together with its position, so a replica stopped at any
 * moment resumes exactly after the last message it applied.
 * <p>
 * The last writer by position wins: the private channel and each topic resume separately,
 * so after a reconnect operations of one collection can arrive out of their order across
 * subscriptions. Each record keeps the offset of the operation that wrote it (a delete
 * leaves a tombstone), each collection that of its last clear, and an older operation
 * changes nothing.
 */
final class ReplicaStore implements AutoCloseable {

	private static final String POSITIONS = "\"warren:position\"";

	private static final String CLEARS = "\"warren:clear\"";

	/** The operation of a message without a position (no history) always applies. */
	private static final long UNORDERED = Long.MAX_VALUE;

	private final Connection connection;

	private final Map<String, Boolean> tables = new HashMap<>();

	private ReplicaStore(Connection connection) {
		this.connection = connection;
	}

	/**
	 * Opens (or creates) the database.
	 * @param file the SQLite file
	 * @return the store
	 * @throws SQLException when it cannot be opened
	 */
	static ReplicaStore open(Path file) throws SQLException {
		Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
		try (Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA journal_mode=WAL");
			statement.execute("CREATE TABLE IF NOT EXISTS " + POSITIONS
					+ " (destination TEXT PRIMARY KEY, position TEXT NOT NULL)");
			statement.execute("CREATE TABLE IF NOT EXISTS " + CLEARS
					+ " (collection TEXT PRIMARY KEY, record_offset INTEGER NOT NULL)");
		}
		connection.setAutoCommit(false);
		return new ReplicaStore(connection);
	}

	/**
	 * The last position received per destination.
	 * @return destination to position
	 * @throws SQLException on a database error
	 */
	synchronized Map<String, String> positions() throws SQLException {
		Map<String, String> positions = new HashMap<>();
		try (Statement statement = this.connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT destination, position FROM " + POSITIONS)) {
			while (rows.next()) {
				positions.put(rows.getString(1), rows.getString(2));
			}
		}
		this.connection.commit();
		return positions;
	}

	/**
	 * Applies one message: its record operation, if it has one, and its position.
	 * @param destination the subscription it arrived on
	 * @param position its {@code warren-position}, may be {@code null}
	 * @param op its record operation, may be {@code null}
	 * @param contentType its content type, may be {@code null}
	 * @param body its body, decrypted
	 * @throws SQLException on a database error (nothing of the message is kept)
	 */
	synchronized void apply(String destination, String position, RecordOp op, String contentType, byte[] body)
			throws SQLException {
		try {
			if (op != null) {
				String table = table(op.collection());
				long offset = offset(position);
				if (offset > clearedAt(op.collection())) {
					switch (op.op()) {
						case UPSERT -> write(table, op.key(), contentType, body, position, offset, false);
						case DELETE -> write(table, op.key(), null, new byte[0], position, offset, true);
						case CLEAR -> clear(table, op.collection(), offset);
					}
				}
			}
			if (position != null) {
				update("INSERT OR REPLACE INTO " + POSITIONS + " (destination, position) VALUES (?, ?)", destination,
						position);
			}
			this.connection.commit();
		}
		catch (SQLException | RuntimeException ex) {
			this.connection.rollback();
			// A table created in the rolled-back transaction is gone again.
			this.tables.clear();
			throw ex;
		}
	}

	/**
	 * Forgets the position of a destination: what follows a lost continuity is live.
	 * @param destination the destination
	 * @throws SQLException on a database error
	 */
	synchronized void forget(String destination) throws SQLException {
		update("DELETE FROM " + POSITIONS + " WHERE destination = ?", destination);
		this.connection.commit();
	}

	/**
	 * Row count and checksum of every collection held.
	 * @return collection to state, by name
	 * @throws SQLException on a database error
	 */
	synchronized Map<String, CollectionState> collections() throws SQLException {
		List<String> names = new ArrayList<>();
		try (Statement statement = this.connection.createStatement();
				ResultSet rows = statement.executeQuery(
						"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'warren:%' ORDER BY name")) {
			while (rows.next()) {
				names.add(rows.getString(1));
			}
		}
		Map<String, CollectionState> states = new LinkedHashMap<>();
		for (String name : names) {
			TreeMap<String, String> digests = new TreeMap<>();
			try (Statement statement = this.connection.createStatement();
					ResultSet rows = statement
						.executeQuery("SELECT record_key, body_sha256 FROM " + quote(name) + " WHERE deleted = 0")) {
				while (rows.next()) {
					digests.put(rows.getString(1), rows.getString(2));
				}
			}
			states.put(name, new CollectionState(name, digests.size(), RecordChecksum.of(digests)));
		}
		this.connection.commit();
		return states;
	}

	/**
	 * Writes a record (or its tombstone) unless a newer operation wrote it already.
	 */
	private void write(String table, String key, String contentType, byte[] body, String position, long offset,
			boolean deleted) throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement("INSERT INTO " + table
				+ " (record_key, body, content_type, body_sha256, position, record_offset, deleted)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?)"
				+ " ON CONFLICT (record_key) DO UPDATE SET body = excluded.body, content_type = excluded.content_type,"
				+ " body_sha256 = excluded.body_sha256, position = excluded.position,"
				+ " record_offset = excluded.record_offset, deleted = excluded.deleted"
				+ " WHERE excluded.record_offset > record_offset OR excluded.record_offset = " + UNORDERED)) {
			statement.setString(1, key);
			statement.setBytes(2, body);
			statement.setString(3, contentType);
			statement.setString(4, deleted ? "" : RecordChecksum.bodyDigest(body));
			statement.setString(5, position);
			statement.setLong(6, offset);
			statement.setInt(7, deleted ? 1 : 0);
			statement.executeUpdate();
		}
	}

	private void clear(String table, String collection, long offset) throws SQLException {
		try (PreparedStatement statement = this.connection
			.prepareStatement("DELETE FROM " + table + " WHERE record_offset < ? OR ? = " + UNORDERED)) {
			statement.setLong(1, offset);
			statement.setLong(2, offset);
			statement.executeUpdate();
		}
		if (offset != UNORDERED) {
			try (PreparedStatement statement = this.connection
				.prepareStatement("INSERT OR REPLACE INTO " + CLEARS + " (collection, record_offset) VALUES (?, ?)")) {
				statement.setString(1, collection);
				statement.setLong(2, offset);
				statement.executeUpdate();
			}
		}
	}

	private long clearedAt(String collection) throws SQLException {
		try (PreparedStatement statement = this.connection
			.prepareStatement("SELECT record_offset FROM " + CLEARS + " WHERE collection = ?")) {
			statement.setString(1, collection);
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() ? rows.getLong(1) : -1;
			}
		}
	}

	/**
	 * The offset a position starts with, which orders the messages of one history; a
	 * message without a position (a node without history) is unordered and always
	 * applies.
	 */
	static long offset(String position) {
		if (position == null) {
			return UNORDERED;
		}
		int dash = position.indexOf('-');
		try {
			return Long.parseLong((dash > 0) ? position.substring(0, dash) : position);
		}
		catch (NumberFormatException ex) {
			return UNORDERED;
		}
	}

	private String table(String collection) throws SQLException {
		String table = quote(collection);
		if (this.tables.putIfAbsent(collection, Boolean.TRUE) == null) {
			update("CREATE TABLE IF NOT EXISTS " + table + " (record_key TEXT PRIMARY KEY, body BLOB NOT NULL,"
					+ " content_type TEXT, body_sha256 TEXT NOT NULL, position TEXT, record_offset INTEGER NOT NULL,"
					+ " deleted INTEGER NOT NULL)");
		}
		return table;
	}

	private void update(String sql, String... parameters) throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setString(i + 1, parameters[i]);
			}
			statement.executeUpdate();
		}
	}

	/**
	 * Collection names are {@code [A-Za-z0-9_.-]}, table names come from SQLite itself:
	 * neither holds a double quote.
	 */
	private static String quote(String name) {
		return "\"" + name + "\"";
	}

	@Override
	public synchronized void close() throws SQLException {
		this.connection.close();
	}

	/**
	 * What a replica holds of one collection.
	 *
	 * @param collection the collection
	 * @param rows how many records
	 * @param checksum their checksum, as publisher-service computes it
	 */
	record CollectionState(String collection, int rows, String checksum) {
	}

}
