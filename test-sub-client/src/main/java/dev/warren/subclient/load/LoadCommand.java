package dev.warren.subclient.load;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code warren-sub load}: many lean STOMP clients and a paced producer in one process,
 * measuring delivered throughput, loss, order and latency of Warren or of RabbitMQ's
 * Web-STOMP plugin the same way.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Opens --clients STOMP/WebSocket connections (Netty, non-blocking, a few I/O threads), "
				+ "subscribes each to its private channel and to shared topics, publishes --rate msg/s for "
				+ "--duration seconds into RabbitMQ, and reports what arrived: loss, duplicates, order, "
				+ "misdelivery, delivered msg/s, latency from the producer's send time, per-node spread "
				+ "and the tool's own CPU use. Writes the result as JSON to --result." },
		footer = { "", "Tokens (Warren):",
				"  --jwt-secret / --jwt-secret-file  mint tokens locally for synthetic client ids",
				"                                   (load-<run>-<n>); fast, for thousands of clients",
				"  otherwise                        register each client over HTTP at --publisher-url",
				"                                   (realistic, slow: the publisher hashes passwords)", "",
				"Exit status:", "  0  clean run: nothing lost, duplicated, out of order or misdelivered, no",
				"     connection failed or lost, every publish confirmed", "  1  could not set up the run",
				"  2  bad usage", "  3  the run finished but was not clean (the result says what)", "", "Examples:",
				"  warren-sub load --jwt-secret \"$WARREN_JWT_SECRET\" --clients 500 --fanout --mix topic=1 \\",
				"      --rate 300 --duration 20 --result fanout.json",
				"  warren-sub load --target web-stomp --clients 500 --fanout --mix topic=1 --rate 300",
				"  warren-sub load --target ingest --rate 20000 --duration 20",
				"  warren-sub load --jwt-secret-file data/jwt-secret --clients 20000 --rate 0 --duration 30 \\",
				"      --heartbeat 10000 --server-pid 1234 --local-address 127.0.0.1 --local-address 127.0.0.2",
				"  warren-sub load --jwt-secret-file data/jwt-secret --clients 10000 --rate 200 --duration 600 \\",
				"      --replace-per-minute 10 --server-pid 1234 --sample-every 30 \\",
				"      --server-metrics http://127.0.0.1:8081/actuator/prometheus" })
public class LoadCommand implements Callable<Integer> {

	static final int EXIT_SETUP_FAILED = 1;

	static final int EXIT_NOT_CLEAN = 3;

	@Spec
	CommandSpec spec;

	@Option(names = "--target", defaultValue = "warren",
			description = "warren, web-stomp or ingest (default: ${DEFAULT-VALUE})", converter = TargetConverter.class)
	LoadTarget target;

	@Option(names = "--protocol", defaultValue = "stomp",
			description = "stomp, or json: Warren's plain-JSON protocol at the edge's /ws/json (default: ${DEFAULT-VALUE})",
			converter = ProtocolConverter.class)
	LoadProtocol protocol;

	@Option(names = "--clients", defaultValue = "100", description = "STOMP connections (default: ${DEFAULT-VALUE})")
	int clients;

	@Option(names = "--socket-url", paramLabel = "URL",
			description = "STOMP WebSocket endpoint, repeatable: clients are spread round-robin%n"
					+ "(default: ws://localhost:8091/ws, a local node's edge; web-stomp: ws://127.0.0.1:15674/ws)")
	List<String> socketUrls = new ArrayList<>();

	@Option(names = "--publisher-url", paramLabel = "URL", defaultValue = "http://localhost:8080",
			description = "publisher-service, to register clients and ensure the ingest channel%n"
					+ "(default: ${DEFAULT-VALUE})")
	String publisherUrl;

	@Option(names = "--skip-channel-setup",
			description = "do not call the publisher's /v1/create-rabbit-ch before producing")
	boolean skipChannelSetup;

	@Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:WARREN_ADMIN_TOKEN}",
			description = "publisher-service's admin token, for /v1/create-rabbit-ch%n"
					+ "(default: $WARREN_ADMIN_TOKEN, else ./data/admin-token when it exists)")
	String adminToken;

	@Option(names = "--jwt-secret", paramLabel = "SECRET",
			description = "Warren's token secret: mint tokens locally instead of registering")
	String jwtSecret;

	@Option(names = "--jwt-secret-file", paramLabel = "FILE", description = "read the token secret from a file")
	Path jwtSecretFile;

	@Option(names = "--stomp-login", defaultValue = "guest",
			description = "web-stomp login (default: ${DEFAULT-VALUE})")
	String stompLogin;

	@Option(names = "--stomp-passcode", defaultValue = "guest",
			description = "web-stomp passcode (default: ${DEFAULT-VALUE})")
	String stompPasscode;

	@Option(names = "--topics", defaultValue = "1", description = "shared topics (default: ${DEFAULT-VALUE})")
	int topics;

	@Option(names = "--topics-per-client", defaultValue = "1",
			description = "topics each client follows, at most --topics (default: ${DEFAULT-VALUE})")
	int topicsPerClient;

	@Option(names = "--fanout", description = "every client follows the one shared topic (--topics 1)")
	boolean fanout;

	@Option(names = "--mix", split = ",", paramLabel = "KIND=WEIGHT",
			description = "share of direct, topic and broadcast messages%n(default: direct=1,topic=1,broadcast=0)")
	Map<MessageKind, Integer> mix;

	@Option(names = "--rate", defaultValue = "100",
			description = "messages published per second, 0 to only hold connections (default: ${DEFAULT-VALUE})")
	double rate;

	@Option(names = "--duration", defaultValue = "10",
			description = "seconds to publish (or hold) for (default: ${DEFAULT-VALUE})")
	int duration;

	@Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "0",
			description = "publish at --rate this long first and leave it out of the figures, so%n"
					+ "JIT compilation on both sides does not count (default: ${DEFAULT-VALUE})")
	int warmupSeconds;

	@Option(names = "--body-bytes", defaultValue = "100", description = "body size (default: ${DEFAULT-VALUE})")
	int bodyBytes;

	@Option(names = "--deflate", negatable = true, defaultValue = "true", fallbackValue = "true",
			description = "offer permessage-deflate, as browsers do (default: on; --no-deflate)")
	boolean deflate;

	@Option(names = "--heartbeat", paramLabel = "MS", defaultValue = "0",
			description = "STOMP heart-beat both ways, 0 for none (default: ${DEFAULT-VALUE})")
	long heartbeatMillis;

	@Option(names = "--amqp-uri", paramLabel = "URI", defaultValue = "amqp://guest:guest@127.0.0.1:5672",
			description = "RabbitMQ the producer publishes to (default: ${DEFAULT-VALUE})")
	String amqpUri;

	@Option(names = "--ingest-exchange", defaultValue = "warren.ingest",
			description = "exchange Warren ingests from (default: ${DEFAULT-VALUE})")
	String ingestExchange;

	@Option(names = "--deliveries-exchange", defaultValue = "warren.deliveries",
			description = "exchange the ingest target listens on (default: ${DEFAULT-VALUE})")
	String deliveriesExchange;

	@Option(names = "--deliveries-stream",
			description = "the ingest target reads Warren's history stream of this name (packed entries) instead of "
					+ "binding a queue to --deliveries-exchange; needed once publisher-service keeps the history "
					+ "in a stream, as it does on RabbitMQ")
	String deliveriesStream;

	@Option(names = "--io-threads", defaultValue = "1", description = "Netty I/O threads (default: ${DEFAULT-VALUE})")
	int ioThreads;

	@Option(names = "--connect-concurrency", defaultValue = "200",
			description = "connections being set up at once (default: ${DEFAULT-VALUE})")
	int connectConcurrency;

	@Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "120",
			description = "how long all clients may take to subscribe (default: ${DEFAULT-VALUE})")
	int connectTimeoutSeconds;

	@Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "5",
			description = "after publishing, wait this long without a new arrival before counting%n"
					+ "what is missing as lost (default: ${DEFAULT-VALUE})")
	int drainTimeoutSeconds;

	@Option(names = "--local-address", paramLabel = "IP",
			description = "source address for connections, repeatable (127.0.0.2, ... lift the%n"
					+ "ephemeral-port limit of one address)")
	List<String> localAddresses = new ArrayList<>();

	@Option(names = "--server-pid", paramLabel = "PID",
			description = "server process whose resident memory and CPU to report, repeatable")
	List<Long> serverPids = new ArrayList<>();

	@Option(names = "--settle", paramLabel = "SECONDS", defaultValue = "5",
			description = "with --server-pid: wait after subscribing before reading memory%n(default: ${DEFAULT-VALUE})")
	int settleSeconds;

	@Option(names = "--replace-per-minute", paramLabel = "PERCENT", defaultValue = "0",
			description = "replace this share of the connections every minute while producing, spread "
					+ "evenly: the producer stops addressing the old connection, which closes cleanly once "
					+ "what was addressed to it arrived; a new client (new id) subscribes in its place%n"
					+ "(default: ${DEFAULT-VALUE})")
	double replacePerMinute;

	@Option(names = "--replace-grace", paramLabel = "SECONDS", defaultValue = "5",
			description = "how long a replaced connection stays open at most for the messages addressed "
					+ "to it; what is still missing then is lost (default: ${DEFAULT-VALUE})")
	int replaceGraceSeconds;

	@Option(names = "--sample-every", paramLabel = "SECONDS", defaultValue = "0",
			description = "sample the --server-pid processes this often while producing: heap after a "
					+ "full GC (jcmd GC.run, which pauses the server), open files, threads, RSS, "
					+ "connections; 0 for never (default: ${DEFAULT-VALUE})")
	int sampleEverySeconds;

	@Option(names = "--sample-from", paramLabel = "SECONDS", defaultValue = "120",
			description = "the samples' summary (heap growth, open files and threads) starts this long "
					+ "after the producer started (default: ${DEFAULT-VALUE})")
	int sampleFromSeconds;

	@Option(names = "--server-metrics", paramLabel = "URL",
			description = "the server's Prometheus endpoint, read with each sample for its own "
					+ "connection count and live heap, e.g. http://127.0.0.1:8081/actuator/prometheus")
	String serverMetrics;

	@Option(names = "--result", paramLabel = "FILE", defaultValue = "load-result.json",
			description = "JSON result file (default: ${DEFAULT-VALUE})")
	Path result;

	@Option(names = "--quiet", description = "no progress lines")
	boolean quiet;

	private final PrintStream err;

	/**
	 * @param err where progress, the summary and errors go
	 */
	public LoadCommand(PrintStream err) {
		this.err = err;
	}

	@Override
	public Integer call() throws Exception {
		validate();
		return new LoadRun(this, this.err).run();
	}

	private void validate() {
		if (this.fanout) {
			this.topics = 1;
			this.topicsPerClient = 1;
		}
		require(this.clients >= 1 || this.target == LoadTarget.INGEST, "--clients must be at least 1");
		require(this.protocol == LoadProtocol.STOMP || this.target == LoadTarget.WARREN,
				"--protocol json is Warren's own: use it with --target warren");
		require(this.topics >= 1, "--topics must be at least 1");
		require(this.topicsPerClient >= 1 && this.topicsPerClient <= this.topics,
				"--topics-per-client must be between 1 and --topics");
		require(this.rate >= 0, "--rate must not be negative");
		require(this.duration >= 1, "--duration must be at least 1 second");
		require(this.warmupSeconds >= 0, "--warmup must not be negative");
		require(this.bodyBytes >= 1 && this.bodyBytes <= 60_000, "--body-bytes must be between 1 and 60000");
		require(this.ioThreads >= 1, "--io-threads must be at least 1");
		require(this.connectConcurrency >= 1, "--connect-concurrency must be at least 1");
		require(this.jwtSecret == null || this.jwtSecretFile == null,
				"give --jwt-secret or --jwt-secret-file, not both");
		require(this.replacePerMinute >= 0 && this.replacePerMinute <= 1000,
				"--replace-per-minute must be between 0 and 1000 (percent)");
		require(this.replacePerMinute == 0 || this.target != LoadTarget.INGEST,
				"--replace-per-minute needs WebSocket clients: not with --target ingest");
		require(this.replaceGraceSeconds >= 0, "--replace-grace must not be negative");
		require(this.sampleEverySeconds >= 0, "--sample-every must not be negative");
		require(this.sampleEverySeconds == 0 || !this.serverPids.isEmpty() || this.serverMetrics != null,
				"--sample-every needs --server-pid or --server-metrics");
		require(this.sampleFromSeconds >= 0, "--sample-from must not be negative");
		require(this.serverMetrics == null || this.serverMetrics.startsWith("http://")
				|| this.serverMetrics.startsWith("https://"), "--server-metrics must be an http(s) URL");
		if (this.mix == null || this.mix.isEmpty()) {
			this.mix = new EnumMap<>(Map.of(MessageKind.DIRECT, 1, MessageKind.TOPIC, 1, MessageKind.BROADCAST, 0));
		}
		require(this.mix.values().stream().allMatch((w) -> w >= 0 && w <= 1000),
				"--mix weights must be between 0 and 1000");
		require(this.mix.values().stream().mapToInt(Integer::intValue).sum() > 0 || this.rate == 0,
				"--mix must give at least one kind a weight above 0");
		if (this.socketUrls.isEmpty()) {
			this.socketUrls.add((this.target == LoadTarget.WEB_STOMP) ? "ws://127.0.0.1:15674/ws"
					: (this.protocol == LoadProtocol.JSON) ? "ws://localhost:8091/ws/json" : "ws://localhost:8091/ws");
		}
		for (String url : this.socketUrls) {
			require(url.startsWith("ws://"), "--socket-url must be a ws:// URL: " + url);
		}
	}

	private void require(boolean condition, String message) {
		if (!condition) {
			throw new ParameterException(this.spec.commandLine(), message);
		}
	}

	/**
	 * Reads {@code web-stomp} and the other targets without case or dash trouble.
	 */
	static final class ProtocolConverter implements picocli.CommandLine.ITypeConverter<LoadProtocol> {

		@Override
		public LoadProtocol convert(String value) {
			return LoadProtocol.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
		}

	}

	static final class TargetConverter implements picocli.CommandLine.ITypeConverter<LoadTarget> {

		@Override
		public LoadTarget convert(String value) {
			return LoadTarget.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
		}

	}

}
