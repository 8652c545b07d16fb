package dev.warren.subclient.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import dev.warren.common.ChannelName;
import dev.warren.common.WarrenNames;
import dev.warren.subclient.crypto.FernetKeys;
import dev.warren.subclient.http.AdminTokens;
import dev.warren.subclient.http.ClientSession;
import dev.warren.subclient.http.LiveNode;
import dev.warren.subclient.http.PublisherClient;
import dev.warren.subclient.http.PublisherException;
import dev.warren.subclient.stomp.SubscriberException;

/**
 * {@code warren-sub}: registers (or logs in), connects to a socket-server node,
 * subscribes to the private channel and the given topics, prints what arrives and
 * measures it. It is the top-level command, so a later {@code load} subcommand can be
 * added through {@code @Command(subcommands = ...)} without changing how it is called.
 */
@Command(name = "warren-sub", mixinStandardHelpOptions = true, version = "warren-sub 0.1.0", sortOptions = false,
		description = { "Subscribes to Warren like a client would and prints each message as one JSON line.",
				"Registers with publisher-service (or logs in), connects to a socket-server over STOMP/WebSocket "
						+ "with 'Authorization: Bearer <token>', subscribes to its private channel /user/queue/data "
						+ "and to every --topic, and waits for the server's RECEIPT of each SUBSCRIBE before "
						+ "anything else. Runs until --count messages arrived, --seconds passed or Ctrl-C." },
		footer = { "", "Output:", "  stdout  one JSON line per message (missing headers give null):",
				"            {\"destination\":\"/user/queue/data\",\"warrenId\":\"...\",",
				"             \"publishedAt\":<epoch ms>,\"latencyMs\":<ms>,",
				"             \"body\":<the body as JSON if it is JSON, else as a string>}",
				"          then always a last line (latencies null when none was measured):",
				"            {\"summary\":true,\"clientId\":\"...\",\"received\":<n>,",
				"             \"elapsedMs\":<ms>,\"msgsPerSecond\":<x>,\"latencyP50Ms\":<ms>,",
				"             \"latencyP99Ms\":<ms>,\"latencyMaxMs\":<ms>}",
				"  stderr  progress, the summary for people, and errors.",
				"  Latency is receive time minus the message's warren-published-at header",
				"  (clocks of different hosts may differ). Elapsed time runs from the",
				"  subscription receipts to the end.", "", "Exit status:",
				"  0  ran to its end: --count messages arrived or --seconds passed; Ctrl-C",
				"     also prints the summary, and the JVM then exits with 130 as for SIGINT",
				"  1  could not register, log in, connect or subscribe (the publisher's problem",
				"     detail, or the ERROR frame's message and body, is shown)", "  2  bad usage",
				"  4  the server sent ERROR or closed the connection after subscribing", "", "Examples:",
				"  warren-sub --fake 20", "      register a new client, ask the publisher (WARREN_TEST_MODE=true) for",
				"      20 fake messages, print them, stop after the 20th",
				"  warren-sub --topic prices --topic news --seconds 30",
				"      print what arrives privately or on /topic/prices and /topic/news",
				"  warren-sub --login --email ann@example.com --password 'pw' --count 100 --quiet",
				"      log in as a known client, wait for 100 messages, print only the summary",
				"  warren-sub --socket-url ws://node-b:8092/ws --fake 1000 --quiet",
				"      measure latency through a given socket-server node",
				"  warren-sub --discover --admin-token \"$WARREN_ADMIN_TOKEN\" --fake 20",
				"      connect to the live node with the fewest connections, as the node",
				"      registry lists them" })
public class SubscribeCommand implements Callable<Integer> {

	static final int EXIT_FAILED = 1;

	static final String DEFAULT_SOCKET_URL = "ws://localhost:8091/ws";

	@Option(names = "--publisher-url", paramLabel = "URL", defaultValue = "http://localhost:8080",
			description = "publisher-service base URL%n(default: ${DEFAULT-VALUE})")
	String publisherUrl;

	@Option(names = "--socket-url", paramLabel = "URL",
			description = "socket-server STOMP endpoint%n(default: the socketUrl the publisher answers,%nelse "
					+ DEFAULT_SOCKET_URL + ")")
	String socketUrl;

	@Option(names = "--discover", description = "connect to the live socket node with the fewest connections,%n"
			+ "from publisher-service's node registry (GET /v1/nodes; needs the admin token)")
	boolean discover;

	@Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:WARREN_ADMIN_TOKEN}",
			description = "publisher-service's admin token, for --discover%n"
					+ "(default: $WARREN_ADMIN_TOKEN, else ./data/admin-token when it exists)")
	String adminToken;

	@Option(names = "--name", defaultValue = "test-sub",
			description = "client name to register (default: ${DEFAULT-VALUE})")
	String name;

	@Option(names = "--email", description = "client email%n(default: a new sub-<random>@example.test)")
	String email;

	@Option(names = "--password", description = "client password (default: a random one)")
	String password;

	@Option(names = "--login",
			description = "log in with --email and --password (POST /v1/auth/token) instead of registering "
					+ "(POST /v1/create-channel-client)")
	boolean login;

	@Option(names = "--topic", paramLabel = "NAME",
			description = "also subscribe to /topic/NAME; repeatable; NAME is 1-128 of [A-Za-z0-9_.-]")
	List<String> topics = new ArrayList<>();

	@Option(names = "--fake", paramLabel = "N", defaultValue = "0",
			description = "after the receipts, ask the publisher for N fake messages to this client "
					+ "(GET /v1/publish-data-over-ch; the publisher must run with WARREN_TEST_MODE=true)")
	int fake;

	@Option(names = "--count", paramLabel = "N",
			description = "stop after N messages (default: N of --fake, else no limit)")
	Integer count;

	@Option(names = "--seconds", paramLabel = "S", description = "stop after S seconds (default: no limit)")
	Integer seconds;

	@Option(names = "--quiet", description = "print no line per message, only the summary")
	boolean quiet;

	@Option(names = "--key", paramLabel = "KEY",
			description = "the client's Fernet key (registration with encryption answers it); opens messages that "
					+ "carry warren-encryption: fernet. Repeatable: after a rotation give the new and the old one")
	List<String> keys = new ArrayList<>();

	@Spec
	CommandSpec spec;

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
		validate();
		try {
			return subscribe();
		}
		catch (PublisherException | SubscriberException ex) {
			this.err.println("warren-sub: " + ex.getMessage());
			return EXIT_FAILED;
		}
	}

	private void validate() {
		if (this.discover && this.socketUrl != null) {
			throw usage("--discover and --socket-url both say where to connect: give one");
		}
		if (this.login && (this.email == null || this.password == null)) {
			throw usage("--login needs --email and --password");
		}
		for (String topic : this.topics) {
			if (!ChannelName.isValid(topic)) {
				throw usage("invalid topic '" + topic + "': expected 1-128 characters of [A-Za-z0-9_.-]");
			}
		}
		if (this.fake < 0 || (this.count != null && this.count < 1) || (this.seconds != null && this.seconds < 1)) {
			throw usage("--count and --seconds must be at least 1, --fake at least 0");
		}
	}

	private FernetKeys fernetKeys() {
		try {
			return FernetKeys.of(this.keys);
		}
		catch (IllegalArgumentException ex) {
			throw usage("--key: " + ex.getMessage());
		}
	}

	private ParameterException usage(String message) {
		return new ParameterException(this.spec.commandLine(), message);
	}

	private int subscribe() {
		PublisherClient publisher = new PublisherClient(this.publisherUrl);
		ClientSession session = this.login ? publisher.login(this.email, this.password)
				: publisher.register(this.name, email(), password());
		return new Subscription(this.out, this.err, this.quiet, limit(), fernetKeys()).run(publisher, session,
				socketUrl(publisher, session), destinations(), this.fake, this.seconds);
	}

	private String socketUrl(PublisherClient publisher, ClientSession session) {
		if (this.socketUrl != null) {
			return this.socketUrl;
		}
		if (this.discover) {
			List<LiveNode> nodes = publisher.nodes(AdminTokens.resolve(this.adminToken));
			LiveNode chosen = LiveNode.quietest(nodes)
				.orElseThrow(() -> new PublisherException("no live socket node announces a URL "
						+ "(set warren.socket.public-url, WARREN_SOCKET_PUBLIC_URL, on the nodes)"));
			this.err.printf("discovered %d live node(s); connecting to %s at %s (%d connections)%n", nodes.size(),
					chosen.id(), chosen.url(), chosen.connections());
			return chosen.url();
		}
		String answered = session.socketUrl();
		return (answered != null && !answered.isBlank()) ? answered : DEFAULT_SOCKET_URL;
	}

	private long limit() {
		if (this.count != null) {
			return this.count;
		}
		return (this.fake > 0) ? this.fake : Long.MAX_VALUE;
	}

	private List<String> destinations() {
		List<String> destinations = new ArrayList<>();
		destinations.add(WarrenNames.PRIVATE_DESTINATION);
		this.topics.forEach((topic) -> destinations.add(WarrenNames.TOPIC_DESTINATION_PREFIX + topic));
		return destinations;
	}

	private String email() {
		return (this.email != null) ? this.email
				: "sub-" + UUID.randomUUID().toString().substring(0, 12) + "@example.test";
	}

	private String password() {
		return (this.password != null) ? this.password : "pw-" + UUID.randomUUID();
	}

}
