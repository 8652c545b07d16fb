package dev.warren.subclient.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.messaging.simp.stomp.StompHeaders;

import dev.warren.common.ChannelName;
import dev.warren.common.WarrenNames;
import dev.warren.subclient.http.ClientSession;
import dev.warren.subclient.http.PublisherClient;
import dev.warren.subclient.http.PublisherException;
import dev.warren.subclient.report.LatencyRecorder;
import dev.warren.subclient.report.MessageLine;
import dev.warren.subclient.report.Summary;
import dev.warren.subclient.stomp.StompSubscriber;
import dev.warren.subclient.stomp.SubscriberException;

/**
 * {@code warren-sub}: registers (or logs in), connects to a socket-server node,
 * subscribes to the private channel and the given topics, prints what arrives and
 * measures it.
 */
@Command(name = "warren-sub", mixinStandardHelpOptions = true, version = "warren-sub 0.1.0",
		description = { "Subscribes to Warren like a client would and prints each message as one JSON line.",
				"Registers with publisher-service (or logs in), connects to a socket-server over STOMP/WebSocket, "
						+ "subscribes to its private channel /user/queue/data and to every --topic, and waits for "
						+ "the server's RECEIPTs before anything else." },
		footer = { "", "Output: stdout gets one JSON line per message "
				+ "{\"destination\",\"warrenId\",\"publishedAt\",\"latencyMs\",\"body\"} and a last line with "
				+ "\"summary\":true; stderr gets progress and a human summary. Latency is receive time minus the "
				+ "warren-published-at header (clocks of different hosts may differ).", "",
				"Exit status: 0 done, 1 could not register/connect/subscribe, 2 bad usage, "
						+ "3 --seconds ran out before --count messages arrived, 4 the server sent ERROR or closed the connection.",
				"", "Examples:",
				"  warren-sub --fake 20                 ask the publisher (test mode) for 20 fake messages",
				"  warren-sub --topic prices --seconds 30",
				"  warren-sub --login --email ann@example.com --password 'correct horse' --count 100 --quiet" })
public class SubscribeCommand implements Callable<Integer> {

	static final int EXIT_FAILED = 1;

	static final int EXIT_INCOMPLETE = 3;

	static final int EXIT_SERVER_ERROR = 4;

	private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(20);

	@Option(names = "--publisher-url", defaultValue = "http://localhost:8080",
			description = "publisher-service base URL (default: ${DEFAULT-VALUE})")
	String publisherUrl;

	@Option(names = "--socket-url",
			description = "socket-server STOMP endpoint (default: the socketUrl the publisher answers, else ws://localhost:8081/ws)")
	String socketUrl;

	@Option(names = "--name", defaultValue = "test-sub",
			description = "client name to register (default: ${DEFAULT-VALUE})")
	String name;

	@Option(names = "--email", description = "client email (default: a new sub-<random>@example.test)")
	String email;

	@Option(names = "--password", description = "client password (default: a random one)")
	String password;

	@Option(names = "--login", description = "log in with --email/--password instead of registering")
	boolean login;

	@Option(names = "--topic", paramLabel = "NAME", description = "also subscribe to /topic/NAME (repeatable)")
	List<String> topics = new ArrayList<>();

	@Option(names = "--fake", paramLabel = "N",
			description = "after subscribing, ask the publisher (WARREN_TEST_MODE=true) for N fake messages to this client")
	int fake;

	@Option(names = "--count", paramLabel = "N",
			description = "stop after N messages (default: --fake N, else no limit)")
	Integer count;

	@Option(names = "--seconds", paramLabel = "S", description = "stop after S seconds (default: no limit)")
	Integer seconds;

	@Option(names = "--quiet", description = "do not print a line per message, only the summary")
	boolean quiet;

	private final PrintStream out;

	private final PrintStream err;

	/**
	 * Creates the command.
	 * @param out message lines and the JSON summary
	 * @param err progress, the human summary and errors
	 */
	public SubscribeCommand(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	@Override
	public Integer call() {
		if (this.login && (this.email == null || this.password == null)) {
			this.err.println("--login needs --email and --password");
			return 2;
		}
		for (String topic : this.topics) {
			if (!ChannelName.isValid(topic)) {
				this.err.println("invalid topic '" + topic + "': expected 1-128 characters of [A-Za-z0-9_.-]");
				return 2;
			}
		}
		try {
			return subscribe();
		}
		catch (PublisherException | SubscriberException ex) {
			this.err.println("warren-sub: " + ex.getMessage());
			return EXIT_FAILED;
		}
	}

	private int subscribe() {
		PublisherClient publisher = new PublisherClient(this.publisherUrl);
		ClientSession session = this.login ? publisher.login(this.email, this.password)
				: publisher.register(this.name, email(), password());
		String url = (this.socketUrl != null) ? this.socketUrl
				: (session.socketUrl() != null) ? session.socketUrl() : "ws://localhost:8081/ws";
		long limit = (this.count != null) ? this.count : (this.fake > 0) ? this.fake : Long.MAX_VALUE;
		Run run = new Run(limit);
		try (StompSubscriber subscriber = new StompSubscriber(run)) {
			subscriber.connect(url, session.token(), SETUP_TIMEOUT);
			List<String> destinations = new ArrayList<>();
			destinations.add(WarrenNames.PRIVATE_DESTINATION);
			this.topics.forEach((topic) -> destinations.add(WarrenNames.TOPIC_DESTINATION_PREFIX + topic));
			subscriber.subscribe(destinations, SETUP_TIMEOUT);
			this.err.println("client " + session.clientId() + " subscribed to " + destinations + " on " + url);
			long started = System.nanoTime();
			Thread summaryOnInterrupt = new Thread(() -> printSummary(session, run, started));
			Runtime.getRuntime().addShutdownHook(summaryOnInterrupt);
			if (this.fake > 0) {
				int published = publisher.publishFake(this.fake, session.clientId());
				this.err.println("publisher accepted " + published + " fake messages");
			}
			boolean ended = run.awaitEnd(this.seconds);
			Runtime.getRuntime().removeShutdownHook(summaryOnInterrupt);
			printSummary(session, run, started);
			if (run.failure.get() != null) {
				this.err.println("warren-sub: " + run.failure.get());
				return EXIT_SERVER_ERROR;
			}
			return (!ended && this.count != null) ? EXIT_INCOMPLETE : 0;
		}
	}

	private synchronized void printSummary(ClientSession session, Run run, long startedNanos) {
		Summary summary = new Summary(session.clientId(), run.received.get(),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos), run.latencies.snapshot());
		this.err.println(summary.toText());
		this.out.println(summary.toJson());
		this.out.flush();
	}

	private String email() {
		return (this.email != null) ? this.email
				: "sub-" + UUID.randomUUID().toString().substring(0, 12) + "@example.test";
	}

	private String password() {
		return (this.password != null) ? this.password : "pw-" + UUID.randomUUID();
	}

	/** The state of one run, fed by the STOMP client's threads. */
	private final class Run implements StompSubscriber.Listener {

		private final AtomicLong received = new AtomicLong();

		private final LatencyRecorder latencies = new LatencyRecorder();

		private final AtomicReference<String> failure = new AtomicReference<>();

		private final CountDownLatch end = new CountDownLatch(1);

		private final long limit;

		Run(long limit) {
			this.limit = limit;
		}

		@Override
		public void onMessage(String destination, StompHeaders headers, byte[] body) {
			long now = System.currentTimeMillis();
			long publishedAt = parseLong(headers.getFirst(WarrenNames.PUBLISHED_AT_HEADER));
			long latency = (publishedAt >= 0) ? now - publishedAt : -1;
			if (latency >= 0) {
				this.latencies.record(latency);
			}
			if (!SubscribeCommand.this.quiet) {
				String line = MessageLine.format(destination, headers.getFirst(WarrenNames.ID_HEADER), publishedAt,
						latency, body);
				synchronized (SubscribeCommand.this.out) {
					SubscribeCommand.this.out.println(line);
				}
			}
			if (this.received.incrementAndGet() >= this.limit) {
				this.end.countDown();
			}
		}

		@Override
		public void onError(String message, String body) {
			this.failure.compareAndSet(null,
					"server sent ERROR: " + message + (body.isBlank() ? "" : " (" + body.strip() + ")"));
			this.end.countDown();
		}

		@Override
		public void onConnectionLost(Throwable cause) {
			this.failure.compareAndSet(null, "connection lost: " + cause.getMessage());
			this.end.countDown();
		}

		boolean awaitEnd(Integer seconds) {
			try {
				if (seconds == null) {
					this.end.await();
					return true;
				}
				return this.end.await(seconds, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		private static long parseLong(String value) {
			try {
				return (value != null) ? Long.parseLong(value) : -1;
			}
			catch (NumberFormatException ex) {
				return -1;
			}
		}

	}

}
