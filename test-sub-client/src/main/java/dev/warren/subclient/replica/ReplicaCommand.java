package dev.warren.subclient.replica;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import dev.warren.common.ChannelName;
import dev.warren.common.WarrenNames;
import dev.warren.subclient.crypto.FernetKeys;
import dev.warren.subclient.http.ClientSession;
import dev.warren.subclient.http.PublisherClient;
import dev.warren.subclient.http.PublisherException;
import dev.warren.subclient.stomp.StompSubscriber;
import dev.warren.subclient.stomp.SubscriberException;

/**
 * {@code warren-sub replica}: keeps a local SQLite database in step with the record
 * operations a client receives, reconnecting (to the next {@code --socket-url}) and
 * resuming from its last position whenever the connection ends, and after its own
 * restart.
 */
@Command(name = "replica", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Keeps a local SQLite database in step with the record operations "
				+ "(warren-op upsert|delete|clear) a client receives on its private channel and on every --topic: "
				+ "one table per collection. Resumes from the last position it applied (warren-since) after a lost "
				+ "connection or its own restart, so the database matches the source.",
				"Registers (or finds: the same email and password again is the same client) with publisher-service "
						+ "before each connection, for a fresh token." },
		footer = { "", "Output:", "  stdout  one JSON line per collection every --status-interval and at the end:",
				"            {\"collection\":\"people\",\"rows\":<n>,\"checksum\":\"<sha256>\"}",
				"          {\"continuityLost\":\"<destination>\"} when the history no longer held what was missed",
				"  stderr  connections, reconnections and errors.", "", "Exit status:",
				"  0  ran for --seconds, or --checksum printed", "  1  the database cannot be opened", "  2  bad usage",
				"", "Examples:",
				"  warren-sub replica --db people.db --email ann@example.com --password 'pw' --topic staff",
				"  warren-sub replica --db people.db --checksum",
				"      print the rows and checksum of each collection held, and exit" })
public class ReplicaCommand implements Callable<Integer> {

	private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

	@Option(names = "--db", paramLabel = "FILE", required = true, description = "the SQLite database file")
	Path db;

	@Option(names = "--checksum", description = "print each collection's rows and checksum and exit")
	boolean checksumOnly;

	@Option(names = "--publisher-url", paramLabel = "URL", defaultValue = "http://localhost:8080",
			description = "publisher-service base URL%n(default: ${DEFAULT-VALUE})")
	String publisherUrl;

	@Option(names = "--socket-url", paramLabel = "URL",
			description = "socket-server STOMP endpoint; repeatable: each reconnection takes the next one%n"
					+ "(default: the socketUrl the publisher answers)")
	List<String> socketUrls = new ArrayList<>();

	@Option(names = "--name", defaultValue = "replica", description = "client name (default: ${DEFAULT-VALUE})")
	String name;

	@Option(names = "--email", description = "the client's email")
	String email;

	@Option(names = "--password", description = "the client's password")
	String password;

	@Option(names = "--topic", paramLabel = "NAME", description = "also follow /topic/NAME; repeatable")
	List<String> topics = new ArrayList<>();

	@Option(names = "--key", paramLabel = "KEY",
			description = "the client's Fernet key, to open encrypted messages; repeatable (after a rotation)")
	List<String> keys = new ArrayList<>();

	@Option(names = "--seconds", paramLabel = "S", description = "stop after S seconds (default: run until stopped)")
	Integer seconds;

	@Option(names = "--status-interval", paramLabel = "S", defaultValue = "5",
			description = "print the collections every S seconds (default: ${DEFAULT-VALUE})")
	int statusInterval;

	@Spec
	CommandSpec spec;

	private final PrintStream out;

	private final PrintStream err;

	private boolean interrupted;

	private FernetKeys fernetKeys;

	/**
	 * Creates the command.
	 * @param out the collections' lines
	 * @param err connections and errors
	 */
	public ReplicaCommand(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	@Override
	public Integer call() {
		validate();
		try (ReplicaStore store = ReplicaStore.open(this.db)) {
			if (!this.checksumOnly) {
				run(store);
			}
			printCollections(store);
			return 0;
		}
		catch (SQLException ex) {
			this.err.println("warren-sub replica: " + this.db + ": " + ex.getMessage());
			return 1;
		}
	}

	private void validate() {
		try {
			this.fernetKeys = FernetKeys.of(this.keys);
		}
		catch (IllegalArgumentException ex) {
			throw usage("--key: " + ex.getMessage());
		}
		if (!this.checksumOnly && (this.email == null || this.password == null)) {
			throw usage("replica needs --email and --password: the replica must be the same client every time");
		}
		for (String topic : this.topics) {
			if (!ChannelName.isValid(topic)) {
				throw usage("invalid topic '" + topic + "': expected 1-128 characters of [A-Za-z0-9_.-]");
			}
		}
		if ((this.seconds != null && this.seconds < 1) || this.statusInterval < 1) {
			throw usage("--seconds and --status-interval must be at least 1");
		}
	}

	private ParameterException usage(String message) {
		return new ParameterException(this.spec.commandLine(), message);
	}

	private void run(ReplicaStore store) throws SQLException {
		long end = (this.seconds != null) ? System.nanoTime() + TimeUnit.SECONDS.toNanos(this.seconds) : Long.MAX_VALUE;
		long nextStatus = System.nanoTime() + TimeUnit.SECONDS.toNanos(this.statusInterval);
		PublisherClient publisher = new PublisherClient(this.publisherUrl);
		int attempt = 0;
		while (!stopped(end)) {
			CompletableFuture<String> ended = new CompletableFuture<>();
			ReplicaListener listener = new ReplicaListener(store, this.fernetKeys, this.out, this.err, ended);
			StompSubscriber subscriber = new StompSubscriber(listener);
			try {
				ClientSession session = publisher.register(this.name, this.email, this.password);
				String url = url(session, attempt++);
				subscriber.connect(url, session.token(), STEP_TIMEOUT);
				Map<String, String> since = store.positions();
				subscriber.subscribe(destinations(), since, STEP_TIMEOUT);
				this.err.printf("replica connected to %s as %s, resuming %d destination(s)%n", url, session.clientId(),
						since.size());
				while (!ended.isDone() && !stopped(end)) {
					awaitEnd(ended, Math.min(end, nextStatus));
					if (System.nanoTime() >= nextStatus) {
						printCollections(store);
						nextStatus = System.nanoTime() + TimeUnit.SECONDS.toNanos(this.statusInterval);
					}
				}
				if (ended.isDone()) {
					this.err.println("replica connection ended: " + ended.getNow("") + "; reconnecting");
				}
			}
			catch (PublisherException | SubscriberException ex) {
				this.err.println("replica: " + ex.getMessage() + "; retrying");
			}
			finally {
				stopped(end);
				subscriber.close();
			}
			if (!stopped(end)) {
				sleep(RECONNECT_DELAY);
			}
		}
	}

	/**
	 * Whether the run is over: its time is up, or its thread was interrupted (how a
	 * caller running it in-process stops it). An interrupt is remembered: closing a
	 * WebSocket session may clear the thread's flag.
	 */
	private boolean stopped(long end) {
		if (Thread.currentThread().isInterrupted()) {
			this.interrupted = true;
		}
		return this.interrupted || System.nanoTime() >= end;
	}

	private String url(ClientSession session, int attempt) {
		if (!this.socketUrls.isEmpty()) {
			return this.socketUrls.get(attempt % this.socketUrls.size());
		}
		if (session.socketUrl() == null || session.socketUrl().isBlank()) {
			throw new PublisherException("publisher-service answered no socketUrl: give --socket-url");
		}
		return session.socketUrl();
	}

	private List<String> destinations() {
		List<String> destinations = new ArrayList<>();
		destinations.add(WarrenNames.PRIVATE_DESTINATION);
		this.topics.forEach((topic) -> destinations.add(WarrenNames.TOPIC_DESTINATION_PREFIX + topic));
		return destinations;
	}

	private void printCollections(ReplicaStore store) throws SQLException {
		for (ReplicaStore.CollectionState state : store.collections().values()) {
			this.out.printf("{\"collection\":\"%s\",\"rows\":%d,\"checksum\":\"%s\"}%n", state.collection(),
					state.rows(), state.checksum());
		}
		this.out.flush();
	}

	private void awaitEnd(CompletableFuture<String> ended, long untilNanos) {
		long wait = Math.max(1, untilNanos - System.nanoTime());
		try {
			ended.get(wait, TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			// time for a status line, or the end of the run
		}
		catch (ExecutionException ex) {
			// completed exceptionally means ended too
		}
		catch (InterruptedException ex) {
			this.interrupted = true;
		}
	}

	private void sleep(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			this.interrupted = true;
		}
	}

}
