package dev.warren.subclient.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.warren.common.token.HmacTokens;
import dev.warren.subclient.http.AdminTokens;
import dev.warren.subclient.http.ClientSession;
import dev.warren.subclient.http.PublisherClient;

/**
 * One load run, start to end: tokens, connections, producer (with replacements and
 * samples of the server while it runs, when asked for), drain, result.
 */
final class LoadRun {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final LoadCommand options;

	private final PrintStream err;

	private final String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);

	private final Instant startedAt = Instant.now();

	private final ReplacementSchedule schedule;

	private LoadProducer warmedUp;

	LoadRun(LoadCommand options, PrintStream err) {
		this.options = options;
		this.err = err;
		this.schedule = ReplacementSchedule.of(options.clients, options.replacePerMinute, options.duration);
	}

	int run() throws Exception {
		LoadCommand o = this.options;
		boolean ingest = o.target == LoadTarget.INGEST;
		LoadStats stats = new LoadStats(ingest ? List.of("amqp:" + o.deliveriesExchange) : o.socketUrls);
		Tokens tokens;
		try {
			tokens = tokens();
		}
		catch (RuntimeException ex) {
			this.err.println("warren-sub load: could not get tokens: " + ex.getMessage());
			return LoadCommand.EXIT_SETUP_FAILED;
		}
		LoadPlan plan = new LoadPlan(o.target, this.runId, tokens.clientIds(), ingest ? 1 : o.topics,
				ingest ? 1 : o.topicsPerClient, stats.nodes.size(), weight(MessageKind.BROADCAST) > 0);
		ConnectionFactory factory = new ConnectionFactory();
		factory.setUri(o.amqpUri);
		try (Connection amqp = factory.newConnection("warren-load-" + this.runId)) {
			if (o.target == LoadTarget.WARREN && !o.skipChannelSetup) {
				new PublisherClient(o.publisherUrl).ensureDefaultChannel(AdminTokens.resolve(o.adminToken));
			}
			return measure(plan, tokens, stats, amqp);
		}
	}

	private int measure(LoadPlan plan, Tokens tokens, LoadStats stats, Connection amqp) throws Exception {
		LoadCommand o = this.options;
		boolean ingest = o.target == LoadTarget.INGEST;
		long memoryBefore = memory();
		Audience audience = new Audience(plan);
		LoadClients clients = ingest ? null : new LoadClients(o.ioThreads, o.deflate, o.localAddresses,
				(o.protocol == LoadProtocol.JSON) ? null : "v12.stomp,v11.stomp,v10.stomp");
		IngestProbe probe = null;
		Progress progress = new Progress(stats, ingest ? 1 : o.clients, this.schedule.replaces(), this.err, o.quiet);
		try {
			if (ingest) {
				probe = new IngestProbe(amqp, o.deliveriesExchange, o.deliveriesStream, "topic." + plan.topicName(0),
						plan.trackerFor(0), 1, stats);
				stats.subscribed.incrementAndGet();
				stats.nodes.get(0).subscribed.incrementAndGet();
				audience.join(0, probe.tracker());
			}
			else {
				connect(clients, plan, tokens, stats, progress);
				for (LoadConnection connection : clients.connections()) {
					if (connection.ready.isDone() && !connection.ready.isCompletedExceptionally()) {
						audience.join(connection.client(), connection.tracker());
					}
				}
				if (stats.subscribed.get() == 0) {
					this.err.println("warren-sub load: no client could subscribe; first errors: " + stats.errors());
					return LoadCommand.EXIT_SETUP_FAILED;
				}
			}
			if (!o.serverPids.isEmpty() && o.settleSeconds > 0) {
				Thread.sleep(TimeUnit.SECONDS.toMillis(o.settleSeconds));
			}
			long memoryConnected = memory();
			if (o.warmupSeconds > 0 && o.rate > 0) {
				warmUp(producer(plan, stats, amqp, ingest, audience), clients, probe, stats, progress);
			}
			stats.latency.interval();
			long cpuStart = ProcessMetrics.ownCpuNanos();
			long serverCpuStart = serverCpu();
			long wallStart = System.nanoTime();
			LoadProducer producer = (this.warmedUp != null) ? this.warmedUp
					: producer(plan, stats, amqp, ingest, audience);
			Replacer replacer = ingest ? null : replacer(plan, tokens, stats, clients, audience);
			ServerSampler sampler = (o.sampleEverySeconds > 0) ? new ServerSampler(o.serverPids,
					(o.serverMetrics != null) ? new ServerMeters(URI.create(o.serverMetrics)) : null, stats,
					(replacer != null) ? () -> replacer.figures().begun() : () -> 0) : null;
			progress.start();
			long producing = System.nanoTime();
			if (sampler != null) {
				sampler.start(producing, o.sampleEverySeconds);
			}
			if (replacer != null) {
				replacer.start(producing);
			}
			if (o.rate > 0 || replacer != null) {
				producer.run(o.rate, o.duration);
			}
			else {
				Thread.sleep(TimeUnit.SECONDS.toMillis(o.duration));
			}
			if (replacer != null) {
				replacer.stop();
			}
			List<LoadResult.Sample> series = (sampler != null) ? sampler.finish() : null;
			long lastArrival = drain(stats, producer.expected, System.nanoTime());
			boolean confirmed = producer.confirmed(TimeUnit.SECONDS.toMillis(30));
			progress.stop();
			long cpu = ProcessMetrics.ownCpuNanos() - cpuStart;
			long serverCpu = serverCpu() - serverCpuStart;
			long wall = Math.max(1, lastArrival - wallStart);
			long memoryEnd = memory();
			List<StreamTracker> trackers = new ArrayList<>();
			if (clients != null) {
				List<LoadConnection> connections = clients.connections();
				clients.close();
				clients = null;
				connections.forEach((connection) -> trackers.add(connection.tracker()));
			}
			if (probe != null) {
				probe.close();
				trackers.add(probe.tracker());
				probe = null;
			}
			LoadResult result = result(plan, tokens, stats, trackers, producer, confirmed, cpu, wall,
					memory(memoryBefore, memoryConnected, memoryEnd, stats.subscribed.get()), serverCpu,
					(replacer != null) ? replacer.figures() : null, series);
			JSON.writeValue(o.result.toFile(), result);
			new LoadSummary(this.err).print(result, o.result);
			return result.clean() ? 0 : LoadCommand.EXIT_NOT_CLEAN;
		}
		finally {
			progress.stop();
			if (clients != null) {
				clients.close();
			}
			if (probe != null) {
				probe.close();
			}
		}
	}

	/**
	 * The replacer for this run, {@code null} when it replaces nothing. A new client
	 * connects to the node of the slot it takes, so the spread over nodes stays as it
	 * was.
	 */
	private Replacer replacer(LoadPlan plan, Tokens tokens, LoadStats stats, LoadClients clients, Audience audience) {
		LoadCommand o = this.options;
		if (!this.schedule.replaces()) {
			return null;
		}
		List<URI> urls = o.socketUrls.stream().map(URI::create).toList();
		long timeout = TimeUnit.SECONDS.toMillis(o.connectTimeoutSeconds);
		return new Replacer(this.schedule, clients.connections().subList(0, o.clients), o.clients,
				(client, slot) -> clients.open(urls.get(plan.nodeOf(slot)),
						connection(plan, tokens, stats, urls, client, plan.nodeOf(slot)), timeout),
				audience, TimeUnit.SECONDS.toNanos(o.replaceGraceSeconds), stats);
	}

	private LoadProducer producer(LoadPlan plan, LoadStats stats, Connection amqp, boolean ingest, Audience audience)
			throws IOException {
		return new LoadProducer(amqp,
				(this.options.target == LoadTarget.WEB_STOMP) ? "amq.topic" : this.options.ingestExchange, plan, stats,
				this.options.bodyBytes, cycle(ingest), audience);
	}

	/**
	 * Publishes at the run's rate for the warm-up time, waits for it to arrive, then
	 * forgets its counts and latencies; what was lost during it is reported as an error.
	 * The producer addresses everyone afresh first, so a warm-up message arriving late is
	 * not counted after the reset.
	 */
	private void warmUp(LoadProducer producer, LoadClients clients, IngestProbe probe, LoadStats stats,
			Progress progress) throws Exception {
		this.err.printf("warming up for %d s at %,.0f msg/s ...%n", this.options.warmupSeconds, this.options.rate);
		progress.start();
		producer.run(this.options.rate, this.options.warmupSeconds);
		drain(stats, producer.expected, System.nanoTime());
		progress.stop();
		long missing = producer.expected - stats.received.sum();
		if (missing != 0) {
			stats.error("warm-up: " + missing + " of " + producer.expected + " deliveries missing");
		}
		producer.resetCounts();
		if (clients != null) {
			CompletableFuture.allOf(
					clients.connections().stream().map(LoadConnection::resetCounts).toArray(CompletableFuture[]::new))
				.get(10, TimeUnit.SECONDS);
		}
		if (probe != null) {
			probe.tracker().resetCounts();
		}
		stats.resetArrivals();
		this.warmedUp = producer;
	}

	private void connect(LoadClients clients, LoadPlan plan, Tokens tokens, LoadStats stats, Progress progress)
			throws InterruptedException {
		LoadCommand o = this.options;
		List<URI> urls = o.socketUrls.stream().map(URI::create).toList();
		clients.connect(o.clients, (c) -> urls.get(plan.nodeOf(c)),
				(c) -> connection(plan, tokens, stats, urls, c, plan.nodeOf(c)), o.connectConcurrency,
				TimeUnit.SECONDS.toMillis(o.connectTimeoutSeconds), progress::connecting);
		progress.connecting();
	}

	private LoadConnection connection(LoadPlan plan, Tokens tokens, LoadStats stats, List<URI> urls, int client,
			int node) {
		return new LoadConnection(client, connectFrame(urls.get(node), tokens.token(client)), plan.destinations(client),
				plan.trackerFor(client), stats, stats.nodes.get(node), this.options.heartbeatMillis,
				this.options.protocol == LoadProtocol.JSON);
	}

	private String connectFrame(URI url, String token) {
		LoadCommand o = this.options;
		if (o.protocol == LoadProtocol.JSON) {
			return "{\"type\":\"Connect\",\"request_id\":\"c\",\"token\":\"" + token + "\"}";
		}
		StringBuilder frame = new StringBuilder("CONNECT\naccept-version:1.2\nhost:");
		frame.append((o.target == LoadTarget.WEB_STOMP) ? "/" : url.getHost());
		frame.append("\nheart-beat:").append(o.heartbeatMillis).append(',').append(o.heartbeatMillis);
		if (o.target == LoadTarget.WEB_STOMP) {
			frame.append("\nlogin:").append(o.stompLogin).append("\npasscode:").append(o.stompPasscode);
		}
		else {
			frame.append("\nAuthorization:Bearer ").append(token);
		}
		return frame.append("\n\n\0").toString();
	}

	/**
	 * Waits after the producer stopped until every expected message arrived, or until
	 * none arrived for the drain timeout.
	 * @return when the last message arrived ({@link System#nanoTime()})
	 */
	private long drain(LoadStats stats, long expected, long producerEnd) throws InterruptedException {
		long quietLimit = TimeUnit.SECONDS.toNanos(this.options.drainTimeoutSeconds);
		long lastCount = stats.received.sum();
		long lastChange = producerEnd;
		while (lastCount < expected && System.nanoTime() - lastChange < quietLimit) {
			Thread.sleep(10);
			long count = stats.received.sum();
			if (count != lastCount) {
				lastCount = count;
				lastChange = System.nanoTime();
			}
		}
		return lastChange;
	}

	private LoadResult result(LoadPlan plan, Tokens tokens, LoadStats stats, List<StreamTracker> trackers,
			LoadProducer producer, boolean confirmed, long cpuNanos, long wallNanos, LoadResult.Memory memory,
			long serverCpuNanos, Replacer.Figures replaced, List<LoadResult.Sample> series) {
		LoadCommand o = this.options;
		long received = 0;
		long duplicates = 0;
		long outOfOrder = 0;
		long misdelivered = 0;
		long unaddressed = 0;
		for (StreamTracker tracker : trackers) {
			received += tracker.received;
			duplicates += tracker.duplicates;
			outOfOrder += tracker.outOfOrder;
			misdelivered += tracker.misdelivered;
			unaddressed += tracker.unaddressed;
		}
		long lost = Math.max(0, producer.expected - received);
		LoadResult.Messages messages = new LoadResult.Messages(producer.published, confirmed, producer.expected,
				received, lost, duplicates, outOfOrder, misdelivered, unaddressed);
		int initial = (o.target == LoadTarget.INGEST) ? plan.clients() : o.clients;
		LoadResult.Connections connections = new LoadResult.Connections(
				initial + ((replaced != null) ? replaced.begun() : 0),
				(o.target == LoadTarget.INGEST) ? 0 : stats.opened.get(), stats.subscribed.get(), stats.failed.get(),
				stats.lost.get(), stats.deflateNegotiated.get());
		List<LoadResult.Node> nodes = stats.nodes.stream()
			.map((n) -> new LoadResult.Node(n.url, n.subscribed.get(), n.failed.get(), n.received.sum()))
			.toList();
		double seconds = wallNanos / 1e9;
		LoadResult.Loader loader = new LoadResult.Loader(round(cpuNanos / (double) wallNanos),
				(received > 0) ? round(cpuNanos / 1000.0 / received) : 0, o.ioThreads);
		LoadResult.ServerCpu serverCpu = o.serverPids.isEmpty() ? null
				: new LoadResult.ServerCpu(List.copyOf(o.serverPids), round(serverCpuNanos / (double) wallNanos),
						(received > 0) ? round(serverCpuNanos / 1000.0 / received) : 0);
		LoadResult.Replacement replacement = (replaced == null) ? null
				: new LoadResult.Replacement(o.replacePerMinute, this.schedule.perMinute(),
						TimeUnit.SECONDS.toMillis(o.replaceGraceSeconds), replaced.begun(), replaced.closed(),
						replaced.subscribed(), replaced.failed(), replaced.closedWithOutstanding());
		LoadResult.Samples samples = (series == null) ? null
				: new LoadResult.Samples(o.sampleEverySeconds, series, SampleSummary.of(series, o.sampleFromSeconds));
		LoadResult.Settings settings = new LoadResult.Settings(initial, List.copyOf(o.socketUrls), tokens.kind(),
				plan.topics(), plan.topicsPerClient(), o.rate, o.duration, Map.copyOf(o.mix), o.bodyBytes, o.deflate,
				o.heartbeatMillis);
		boolean clean = lost == 0 && duplicates == 0 && outOfOrder == 0 && misdelivered == 0 && confirmed
				&& received == producer.expected && connections.failed() == 0
				&& connections.lostAfterSubscribing() == 0;
		return new LoadResult(o.target, this.runId, this.startedAt.toString(), settings, connections, messages,
				round(received / seconds), stats.latency.total(), nodes, loader, memory, serverCpu, replacement,
				samples, stats.errors(), stats.errorCount(), clean);
	}

	private List<MessageKind> cycle(boolean ingest) {
		if (ingest) {
			return List.of(MessageKind.TOPIC);
		}
		List<MessageKind> cycle = new ArrayList<>();
		for (MessageKind kind : MessageKind.values()) {
			for (int i = 0; i < weight(kind); i++) {
				cycle.add(kind);
			}
		}
		return cycle.isEmpty() ? List.of(MessageKind.TOPIC) : cycle;
	}

	private int weight(MessageKind kind) {
		return this.options.mix.getOrDefault(kind, 0);
	}

	private long serverCpu() throws IOException {
		long total = 0;
		for (long pid : this.options.serverPids) {
			total += ProcessMetrics.cpuNanos(pid);
		}
		return total;
	}

	private long memory() throws IOException {
		long total = 0;
		for (long pid : this.options.serverPids) {
			total += ProcessMetrics.residentBytes(pid);
		}
		return total;
	}

	private LoadResult.Memory memory(long before, long connected, long end, int subscribed) {
		if (this.options.serverPids.isEmpty()) {
			return null;
		}
		double perConnection = (subscribed > 0) ? (connected - before) / (double) subscribed : 0;
		double perGiB = (perConnection > 0) ? (1L << 30) / perConnection : 0;
		return new LoadResult.Memory(List.copyOf(this.options.serverPids), before, connected, end, round(perConnection),
				Math.round(perGiB));
	}

	private Tokens tokens() throws Exception {
		LoadCommand o = this.options;
		// Every client that replaces another needs an id and a token of its own.
		int clients = o.clients + this.schedule.total();
		if (o.target != LoadTarget.WARREN) {
			int count = (o.target == LoadTarget.INGEST) ? 1 : clients;
			return new Tokens((o.target == LoadTarget.INGEST) ? "none" : "login",
					LoadPlan.syntheticIds(this.runId, count), null);
		}
		byte[] secret = (o.jwtSecretFile != null)
				? Files.readString(o.jwtSecretFile, StandardCharsets.UTF_8).trim().getBytes(StandardCharsets.UTF_8)
				: (o.jwtSecret != null) ? o.jwtSecret.getBytes(StandardCharsets.UTF_8) : null;
		if (secret != null) {
			HmacTokens issuer = new HmacTokens(secret, Clock.systemUTC());
			Duration ttl = Duration.ofSeconds(o.connectTimeoutSeconds + o.duration + 3600);
			List<String> ids = LoadPlan.syntheticIds(this.runId, clients);
			List<String> tokens = ids.stream().map((id) -> issuer.issue(id, ttl).value()).toList();
			return new Tokens("minted", ids, tokens);
		}
		return register(new PublisherClient(o.publisherUrl), clients);
	}

	private Tokens register(PublisherClient publisher, int count) throws Exception {
		this.err.printf("registering %d clients at %s ...%n", count, this.options.publisherUrl);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<ClientSession>> sessions = new ArrayList<>();
			for (int c = 0; c < count; c++) {
				String email = "load-" + this.runId + "-" + c + "@example.test";
				sessions.add(pool.submit(() -> publisher.register("load", email, "load-password-" + this.runId)));
			}
			List<String> ids = new ArrayList<>();
			List<String> tokens = new ArrayList<>();
			for (Future<ClientSession> session : sessions) {
				ClientSession done = session.get();
				ids.add(done.clientId());
				tokens.add(done.token());
			}
			return new Tokens("registered", ids, tokens);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	/**
	 * Client ids and their tokens ({@code null} for Web-STOMP, which logs in).
	 */
	private record Tokens(String kind, List<String> clientIds, List<String> tokens) {

		String token(int client) {
			return (this.tokens != null) ? this.tokens.get(client) : null;
		}

	}

}
