package dev.warren.e2e.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;

import dev.warren.common.WarrenNames;
import dev.warren.e2e.WarrenProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault suite: Warren's processes and a RabbitMQ node of the suite's own, a producer
 * with publisher confirms at {@value #RATE} msg/s, and clients that reconnect by
 * themselves; each scenario injects one fault while messages flow and prints one JSON
 * line (also appended to {@code target/faults/results.jsonl}). Run it with
 * {@code bench/faults.sh} or {@code ./mvnw verify -pl e2e-tests -Pfaults}.
 * <p>
 * Targets, asserted per scenario: nothing RabbitMQ confirmed is lost, nothing reaches
 * another client, no duplicate survives deduplication by {@code warren-id}, and every
 * client has fresh messages within 5 s of the fault's end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuite {

	static final int RATE = 200;

	private static final int CLIENTS = 4;

	private static final double RECOVERY_TARGET_SECONDS = 5;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Path home = Path.of(System.getProperty("warren.faults.dir", "target/faults"));

	private FaultBroker broker;

	private FaultCluster cluster;

	@BeforeAll
	void start() throws IOException {
		Files.createDirectories(this.home);
		this.broker = FaultBroker.start(this.home.resolve("rabbitmq"));
		this.cluster = FaultCluster.start(this.broker, this.home.resolve("work"));
	}

	@AfterAll
	void stop() throws IOException {
		if (this.cluster != null) {
			this.cluster.close();
		}
		if (this.broker != null) {
			this.broker.close();
		}
	}

	@Test
	@Order(1)
	void noFault() throws Exception {
		expectClean(flow("none", true, (clients) -> System.currentTimeMillis(), Map::of));
	}

	@Test
	@Order(2)
	void rabbitMqRestartedMidStream() throws Exception {
		expectClean(flow("rabbitmq-restart", true, (clients) -> {
			this.broker.stop();
			FaultBroker.pause(3000);
			this.broker.boot();
			return System.currentTimeMillis();
		}, Map::of));
	}

	@Test
	@Order(3)
	void publisherServiceKilled() throws Exception {
		expectClean(flow("publisher-kill-9", true, (clients) -> {
			this.cluster.killPublisher();
			this.cluster.startPublisher();
			return System.currentTimeMillis();
		}, Map::of));
	}

	@Test
	@Order(4)
	void socketNodeDrainedClientsWithoutPositions() throws Exception {
		endNodeZero("node-sigterm", false, WarrenProcess::close);
	}

	@Test
	@Order(5)
	void socketNodeKilledClientsResumeWithPositions() throws Exception {
		endNodeZero("node-kill-9", true, WarrenProcess::kill);
	}

	/**
	 * Ends node 0 with {@code end} while its clients receive (the fault ends when it is
	 * signalled: its clients must move to node 1), then starts it again for the next
	 * scenario.
	 */
	private void endNodeZero(String name, boolean resumeWithPosition, Consumer<WarrenProcess> end) throws Exception {
		try {
			expectClean(flow(name, resumeWithPosition, (clients) -> {
				long signalled = System.currentTimeMillis();
				end.accept(this.cluster.node(0));
				return signalled;
			}, Map::of));
		}
		finally {
			this.cluster.startNode(0);
		}
	}

	@Test
	@Order(6)
	void databaseCutFor40Seconds() throws Exception {
		DatabaseProbe probe = new DatabaseProbe(this.cluster.publisherUrl());
		Scenario scenario = flow("database-cut-40s", true, (clients) -> {
			this.cluster.database().cut();
			long until = System.currentTimeMillis() + 40_000;
			while (System.currentTimeMillis() < until) {
				probe.probe();
				FaultBroker.pause(1000);
			}
			this.cluster.database().restore();
			long restored = System.currentTimeMillis();
			probe.awaitRecovery();
			return restored;
		}, probe::fields);
		expectClean(scenario);
		assertThat(probe.slowestAnswerSeconds()).as("slowest HTTP answer during the cut").isLessThanOrEqualTo(2.0);
		assertThat(probe.unexpectedAnswers()).as("answers other than 503 with Retry-After").isEmpty();
		assertThat(probe.slowestReadinessSeconds()).as("slowest readiness answer (probe timeout 3 s)")
			.isLessThanOrEqualTo(3.0);
		assertThat(probe.recoverySeconds()).as("registration working again after the cut")
			.isBetween(0.0, RECOVERY_TARGET_SECONDS);
	}

	@Test
	@Order(7)
	void clientOfflineFor30SecondsResumes() throws Exception {
		expectClean(flow("client-offline-30s", true, (clients) -> {
			clients.get(0).goOffline();
			FaultBroker.pause(30_000);
			clients.get(0).comeBack();
			return System.currentTimeMillis();
		}, Map::of));
	}

	@Test
	@Order(8)
	void slowReaderAmongFastOnes() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 6);
		String topic = "faults-slow-" + run;
		String destination = "/topic/" + topic;
		Map<FaultClient, Set<String>> clients = new LinkedHashMap<>();
		for (int i = 0; i < CLIENTS; i++) {
			String id = "slow-" + run + "-fast-" + i;
			clients.put(new FaultClient(id, this.cluster.token(id), this.cluster.urls(0), List.of(destination), true)
				.start(), Set.of("topic." + topic));
		}
		NodeHeap heap = new NodeHeap(this.cluster.node(0).baseUrl());
		StalledReader stalled = null;
		try (ConfirmingProducer producer = new ConfirmingProducer(this.broker.connectionFactory(),
				List.of("topic." + topic), 500, 4096, "slow-" + run)
			.start()) {
			long before = System.currentTimeMillis();
			FaultBroker.pause(15_000);
			String stalledId = "slow-" + run + "-stalled";
			stalled = StalledReader.subscribe(this.cluster.urls(0).get(0), this.cluster.token(stalledId), destination);
			long stalledAt = System.currentTimeMillis();
			long cutOffSeconds = -1;
			for (int second = 0; second < 15; second++) {
				heap.sample();
				if (cutOffSeconds < 0 && heap.connections() <= CLIENTS) {
					cutOffSeconds = second;
				}
				FaultBroker.pause(1000);
			}
			long after = System.currentTimeMillis();
			producer.finish(60_000);
			awaitComplete(producer, clients);
			Tally tally = Tally.of(producer, clients, stalledAt);
			double p99Before = p99(clients, before + 3000, stalledAt);
			double p99During = p99(clients, stalledAt, after);
			Map<String, Object> fields = tally.fields("slow-reader");
			fields.put("rate", 500);
			fields.put("bodyBytes", 4096);
			fields.put("p99BeforeMs", p99Before);
			fields.put("p99WhileStalledMs", p99During);
			fields.put("p99RisePercent", Math.round((p99During / p99Before - 1) * 1000) / 10.0);
			fields.put("nodeHeapMaxMb", heap.maxMegabytes());
			fields.put("nodeHeapLimitMb", 256);
			fields.put("stalledClientCutOffAfterSeconds", cutOffSeconds);
			report(fields);
			assertThat(tally.lost()).as("lost by the fast clients").isZero();
			assertThat(tally.wrongClient()).isZero();
			assertThat(p99During).as("fast clients' p99 while one stalls, against %s ms before", p99Before)
				.isLessThanOrEqualTo(p99Before * 1.2);
			assertThat(cutOffSeconds).as("seconds until the node cut the stalled client off").isNotNegative();
		}
		finally {
			if (stalled != null) {
				stalled.close();
			}
			clients.keySet().forEach(FaultClient::close);
		}
	}

	/**
	 * Runs one scenario: {@value #CLIENTS} clients, half on each node, each following its
	 * private channel and the scenario's topic; the producer sends to each client and to
	 * the topic in turn. After 5 s the fault is injected; messages go on flowing for 10 s
	 * after it ended.
	 */
	private Scenario flow(String name, boolean resumeWithPosition, Fault fault, Supplier<Map<String, Object>> extra)
			throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 6);
		String topic = "faults-" + name + "-" + run;
		Map<FaultClient, Set<String>> clients = new LinkedHashMap<>();
		List<FaultClient> ordered = new ArrayList<>();
		List<String> targets = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			String id = name + "-" + run + "-" + i;
			FaultClient client = new FaultClient(id, this.cluster.token(id), this.cluster.urls(i % 2),
					List.of(WarrenNames.PRIVATE_DESTINATION, "/topic/" + topic), resumeWithPosition)
				.start();
			clients.put(client, Set.of("client." + id, "topic." + topic));
			ordered.add(client);
			targets.add("client." + id);
		}
		targets.add("topic." + topic);
		try (ConfirmingProducer producer = new ConfirmingProducer(this.broker.connectionFactory(), targets, RATE, 128,
				name + "-" + run)
			.start()) {
			FaultBroker.pause(5000);
			long faultStart = System.currentTimeMillis();
			long faultEnd = fault.inject(ordered);
			FaultBroker.pause(10_000);
			producer.finish(60_000);
			awaitComplete(producer, clients);
			Tally tally = Tally.of(producer, clients, faultEnd);
			Map<String, Object> fields = tally.fields(name);
			fields.put("faultSeconds", (faultEnd - faultStart) / 1000.0);
			fields.put("producerReconnects", producer.reconnects());
			fields.put("clientReconnects", ordered.stream().mapToInt((c) -> c.connects() - 1).sum());
			fields.putAll(extra.get());
			report(fields);
			return new Scenario(name, tally);
		}
		finally {
			clients.keySet().forEach(FaultClient::close);
		}
	}

	private static void awaitComplete(ConfirmingProducer producer, Map<FaultClient, Set<String>> clients) {
		long deadline = System.currentTimeMillis() + 30_000;
		while (System.currentTimeMillis() < deadline && !Tally.complete(producer, clients)) {
			FaultBroker.pause(250);
		}
	}

	private static double p99(Map<FaultClient, Set<String>> clients, long fromMillis, long toMillis) {
		Histogram histogram = new Histogram(60_000_000, 3);
		for (FaultClient client : clients.keySet()) {
			for (FaultClient.Delivery delivery : client.deliveries()) {
				if (delivery.dueAtMillis() >= fromMillis && delivery.dueAtMillis() < toMillis) {
					histogram.recordValue(Math.max(0, Math.min(60_000_000, delivery.latencyMicros())));
				}
			}
		}
		return Math.round(histogram.getValueAtPercentile(99) / 100.0) / 10.0;
	}

	private void report(Map<String, Object> fields) throws IOException {
		String line = json.writeValueAsString(fields);
		System.out.println(line);
		Files.writeString(this.home.resolve("results.jsonl"), line + "\n", StandardCharsets.UTF_8,
				StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

	private static void expectClean(Scenario scenario) {
		Tally tally = scenario.tally();
		assertThat(tally.confirmed()).as("%s: accepted messages", scenario.name()).isPositive();
		assertThat(tally.lost()).as("%s: lost", scenario.name()).isZero();
		assertThat(tally.wrongClient()).as("%s: delivered to the wrong client", scenario.name()).isZero();
		assertThat(tally.duplicatesAfterDedupe()).as("%s: duplicates after dedupe by warren-id", scenario.name())
			.isZero();
		assertThat(tally.recoverySeconds())
			.as("%s: seconds from the fault's end to fresh messages everywhere", scenario.name())
			.isBetween(0.0, RECOVERY_TARGET_SECONDS);
	}

	/** Injects a fault and returns when it ended (epoch ms). */
	@FunctionalInterface
	private interface Fault {

		long inject(List<FaultClient> clients) throws Exception;

	}

	private record Scenario(String name, Tally tally) {
	}

	/**
	 * Registration and readiness of publisher-service, asked once a second while its
	 * database is cut.
	 */
	private static final class DatabaseProbe {

		private final String baseUrl;

		private final List<String> unexpected = new ArrayList<>();

		private double slowestAnswer;

		private double slowestReadiness;

		private int answers;

		private double recovery = -1;

		DatabaseProbe(String baseUrl) {
			this.baseUrl = baseUrl;
		}

		void probe() {
			String name = "faults-db-" + UUID.randomUUID().toString().substring(0, 8);
			long started = System.nanoTime();
			try {
				HttpResponse<String> response = register(name);
				this.slowestAnswer = Math.max(this.slowestAnswer, (System.nanoTime() - started) / 1e9);
				this.answers++;
				if (response.statusCode() != 503 || response.headers().firstValue("Retry-After").isEmpty()
						|| !response.headers().firstValue("Content-Type").orElse("").contains("problem+json")) {
					this.unexpected.add(response.statusCode() + " " + response.headers().firstValue("Content-Type")
							+ " " + response.body());
				}
				long readiness = System.nanoTime();
				HttpResponse<String> ready = FaultCluster
					.send(HttpRequest.newBuilder(URI.create(this.baseUrl + "/actuator/health/readiness"))
						.timeout(Duration.ofSeconds(10))
						.build());
				this.slowestReadiness = Math.max(this.slowestReadiness, (System.nanoTime() - readiness) / 1e9);
				if (ready.statusCode() != 503) {
					this.unexpected.add("readiness " + ready.statusCode());
				}
			}
			catch (IOException ex) {
				this.unexpected.add("no answer: " + ex);
			}
		}

		/** Right after the cut ends: waits until a registration succeeds again. */
		void awaitRecovery() {
			long restored = System.nanoTime();
			long deadline = restored + Duration.ofSeconds(30).toNanos();
			while (System.nanoTime() < deadline && this.recovery < 0) {
				try {
					int status = register("faults-db-" + UUID.randomUUID().toString().substring(0, 8)).statusCode();
					if (status == 200 || status == 201) {
						this.recovery = (System.nanoTime() - restored) / 1e9;
					}
				}
				catch (IOException ex) {
					// not yet
				}
				FaultBroker.pause(250);
			}
		}

		Map<String, Object> fields() {
			Map<String, Object> fields = new LinkedHashMap<>();
			fields.put("httpAnswersDuringCut", this.answers);
			fields.put("httpSlowestAnswerSeconds", Math.round(this.slowestAnswer * 100) / 100.0);
			fields.put("readinessSlowestAnswerSeconds", Math.round(this.slowestReadiness * 100) / 100.0);
			fields.put("httpUnexpectedAnswers", this.unexpected.size());
			fields.put("httpRecoverySeconds", Math.round(this.recovery * 100) / 100.0);
			return fields;
		}

		double slowestAnswerSeconds() {
			return this.slowestAnswer;
		}

		double slowestReadinessSeconds() {
			return this.slowestReadiness;
		}

		List<String> unexpectedAnswers() {
			return this.unexpected;
		}

		double recoverySeconds() {
			return this.recovery;
		}

		private HttpResponse<String> register(String name) throws IOException {
			String body = "{\"name\":\"" + name + "\",\"email\":\"" + name + "@faults.example\",\"password\":\"p-"
					+ UUID.randomUUID() + "\"}";
			return FaultCluster.send(HttpRequest.newBuilder(URI.create(this.baseUrl + "/v1/create-channel-client"))
				.header("Content-Type", "application/json")
				.timeout(Duration.ofSeconds(30))
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build());
		}

	}

}
