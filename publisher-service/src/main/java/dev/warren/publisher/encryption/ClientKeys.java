package dev.warren.publisher.encryption;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.macasaet.fernet.Key;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The Fernet keys of the clients with encryption on: kept sealed by the master key in
 * {@code warren_client_key}, and held open in memory for ingest, which looks one up per
 * direct message and never waits on the database. Every instance loads them all at start;
 * a key created, rotated or removed here is in force here at once and announced
 * ({@code control.client-key}, the client id only), and every instance re-reads the
 * announced client's key as the announcement arrives. What an announcement missed (the
 * broker was down) is read with everything changed every
 * {@code warren.encryption.refresh-interval}.
 */
public class ClientKeys {

	private static final Logger log = LoggerFactory.getLogger(ClientKeys.class);

	/** Rows committed a little late still fall in the next read. */
	private static final Duration OVERLAP = Duration.ofSeconds(30);

	private final JdbcClient jdbc;

	private final MasterKey master;

	private final Clock clock;

	private final Consumer<String> announcer;

	private final Map<String, Key> keys = new ConcurrentHashMap<>();

	private volatile Instant readUpTo = Instant.EPOCH;

	/**
	 * How many keys this instance changed in memory by itself or from an announcement: a
	 * read of everything that one of these overtook is older than it and is dropped.
	 */
	private final AtomicLong changes = new AtomicLong();

	/**
	 * Creates the keys.
	 * @param jdbc the database
	 * @param master what opens the sealed keys, {@code null} when none is configured
	 * @param clock the clock
	 * @param announcer tells every instance that a client's key changed (the client id);
	 * called once the change is written and in force here
	 */
	ClientKeys(JdbcClient jdbc, MasterKey master, Clock clock, Consumer<String> announcer) {
		this.jdbc = jdbc;
		this.master = master;
		this.clock = clock;
		this.announcer = announcer;
	}

	/**
	 * Whether encryption is available: a master key is configured.
	 * @return {@code true} when keys can be created
	 */
	public boolean enabled() {
		return this.master != null;
	}

	/**
	 * The key of a client with encryption on. One map lookup: on ingest's hot path.
	 * @param clientId the client
	 * @return its key, {@code null} when its messages travel in clear
	 */
	public Key keyOf(String clientId) {
		return this.keys.get(clientId);
	}

	/**
	 * Gives a client a new key, replacing any it had (rotation), and turns its encryption
	 * on.
	 * @param clientId the client
	 * @return the new key, Fernet's base64url form: shown to the caller once
	 * @throws EncryptionOffException when no master key is configured
	 */
	public String create(String clientId) {
		if (this.master == null) {
			throw new EncryptionOffException();
		}
		Key key = Key.generateKey();
		write(clientId, this.master.seal(key));
		synchronized (this) {
			this.changes.incrementAndGet();
			this.keys.put(clientId, key);
		}
		this.announcer.accept(clientId);
		return key.serialise();
	}

	/**
	 * Turns a client's encryption off: its messages travel in clear from now on.
	 * @param clientId the client
	 * @return whether it had a key
	 */
	public boolean remove(String clientId) {
		boolean had = this.jdbc
			.sql("UPDATE warren_client_key SET sealed_key = NULL, updated_at = :now"
					+ " WHERE client_id = :client AND sealed_key IS NOT NULL")
			.param("now", Timestamp.from(now()))
			.param("client", clientId)
			.update() > 0;
		synchronized (this) {
			this.changes.incrementAndGet();
			this.keys.remove(clientId);
		}
		if (had) {
			this.announcer.accept(clientId);
		}
		return had;
	}

	/**
	 * Whether a client has a key.
	 * @param clientId the client
	 * @return {@code true} when its messages are encrypted
	 */
	public boolean has(String clientId) {
		return this.keys.containsKey(clientId);
	}

	/**
	 * Reads the keys created, rotated or removed since the last read (all of them the
	 * first time). Called at start, where a failure stops the start, and then on a
	 * schedule, where a database outage only delays it.
	 */
	void refresh() {
		Instant startedAt = now();
		long changesBefore = this.changes.get();
		Instant since = this.readUpTo.minus(OVERLAP);
		Map<String, Key> read = new HashMap<>();
		this.jdbc.sql("SELECT client_id, sealed_key FROM warren_client_key WHERE updated_at >= :since")
			.param("since", Timestamp.from(since.isBefore(Instant.EPOCH) ? Instant.EPOCH : since))
			.query((rs) -> {
				String client = rs.getString("client_id");
				read.put(client, open(client, rs.getString("sealed_key")));
			});
		synchronized (this) {
			// A key created or removed here during the read may be newer than the row
			// read: leave this read, the next one has it.
			if (this.changes.get() != changesBefore) {
				return;
			}
			read.forEach(this::apply);
			this.readUpTo = startedAt;
		}
	}

	/**
	 * Re-reads one client's key, as an announcement says it changed on some instance.
	 * @param clientId the client
	 * @throws DataAccessException when the database cannot be read: the periodic read
	 * will have it
	 * @throws IllegalStateException when the client has a key but no master key is
	 * configured to open it
	 */
	void reload(String clientId) {
		long changesBefore = this.changes.get();
		String sealed = this.jdbc.sql("SELECT sealed_key FROM warren_client_key WHERE client_id = :client")
			.param("client", clientId)
			.query(String.class)
			.optional()
			.orElse(null);
		Key key = open(clientId, sealed);
		synchronized (this) {
			// A change here during the read is newer than the row read.
			if (this.changes.get() != changesBefore) {
				return;
			}
			// Counted as a change, so that a periodic read begun before this one cannot
			// put back the key it read.
			this.changes.incrementAndGet();
			apply(clientId, key);
		}
	}

	/** A client's key as read: in force, or gone when {@code null}. */
	private void apply(String clientId, Key key) {
		if (key != null) {
			this.keys.put(clientId, key);
		}
		else {
			this.keys.remove(clientId);
		}
	}

	@Scheduled(fixedDelayString = "${warren.encryption.refresh-interval:5s}",
			initialDelayString = "${warren.encryption.refresh-interval:5s}")
	void refreshQuietly() {
		try {
			refresh();
		}
		catch (DataAccessException ex) {
			log.atWarn().log("Could not read client keys: {}", ex.getMostSpecificCause().getMessage());
		}
	}

	/**
	 * Opens a client's key as read from the database.
	 * @param clientId the client
	 * @param sealed its sealed key, {@code null} when it has none
	 * @return the key, {@code null} when it has none
	 * @throws IllegalStateException when it has one but no master key is configured
	 */
	private Key open(String clientId, String sealed) {
		if (sealed == null) {
			return null;
		}
		if (this.master == null) {
			throw new IllegalStateException("Client " + clientId + " has an encryption key, but no master key is "
					+ "configured to open it: set WARREN_ENCRYPTION_MASTER_KEY (warren.encryption.master-key)"
					+ " to the value it was created with");
		}
		return this.master.open(sealed);
	}

	private void write(String clientId, String sealed) {
		Timestamp now = Timestamp.from(now());
		int updated = this.jdbc
			.sql("UPDATE warren_client_key SET sealed_key = :sealed, updated_at = :now WHERE client_id = :client")
			.param("sealed", sealed)
			.param("now", now)
			.param("client", clientId)
			.update();
		if (updated == 0) {
			this.jdbc.sql(
					"INSERT INTO warren_client_key (client_id, sealed_key, updated_at) VALUES (:client, :sealed, :now)")
				.param("client", clientId)
				.param("sealed", sealed)
				.param("now", now)
				.update();
		}
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
