package dev.warren.e2e;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.warren.common.WarrenNames;
import dev.warren.subclient.WarrenSubClient;
import dev.warren.testsupport.RealServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Record sync through the whole bridge: 1,000 mixed record operations (upserts, deletes,
 * clears; to the client, to a topic it follows, to everyone; over HTTP and over AMQP)
 * while the replica is stopped and started again and the socket node it is connected to
 * is killed and replaced. Afterwards the replica's SQLite database holds exactly what
 * publisher-service's ledger says it should: same rows, same checksum, per collection.
 */
class RecordSyncEndToEndTests {

	private static final String SECRET = "records-" + UUID.randomUUID() + "-" + UUID.randomUUID();

	private static final String ADMIN_TOKEN = "admin-" + UUID.randomUUID() + "-" + UUID.randomUUID();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final int OPERATIONS = 1_000;

	private static final List<String> COLLECTIONS = List.of("people", "teams");

	@Test
	void theReplicaEqualsTheSourceAfterChurnAndRestarts(@TempDir Path workDir) throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		String topic = "staff-" + run;
		String email = "replica-" + run + "@example.test";
		String password = "replica-password-" + run;
		Path db = workDir.resolve("replica.db");
		Map<String, String> nodeEnv = ExternalMode.node(SECRET);
		try (WarrenProcess publisher = WarrenProcess.start("records-publisher", "warren.publisher.jar",
				workDir.resolve("p"), ExternalMode.publisher(SECRET, ADMIN_TOKEN), List.of(), WarrenProcess.freePort());
				WarrenProcess nodeA = WarrenProcess.start("records-a", "warren.socket.jar", workDir.resolve("a"),
						nodeEnv, List.of(), WarrenProcess.freePort());
				WarrenProcess nodeB = WarrenProcess.start("records-b", "warren.socket.jar", workDir.resolve("b"),
						nodeEnv, List.of(), WarrenProcess.freePort());
				Connection connection = RealServices.rabbit().connectionFactory().newConnection("records-producer")) {
			PublisherApi api = new PublisherApi(publisher.baseUrl(), ADMIN_TOKEN);
			assertThat(api.get("/v1/create-rabbit-ch").status()).isEqualTo(200);
			String clientId = api.register("replica", email, password).clientId();
			String[] replicaArgs = { "replica", "--db", db.toString(), "--publisher-url", publisher.baseUrl(),
					"--email", email, "--password", password, "--topic", topic, "--status-interval", "1" };

			Replica first = Replica.start(replicaArgs, "--socket-url", nodeA.edgeUrl(), "--socket-url",
					nodeB.edgeUrl());
			await().atMost(Duration.ofSeconds(30)).until(() -> first.connections() >= 1);

			Churn churn = new Churn(api, connection, clientId, topic, run);
			churn.publish(300);
			nodeA.kill();
			churn.publish(200);
			await("the replica moves to node B").atMost(Duration.ofSeconds(30)).until(() -> first.connections() >= 2);
			churn.publish(100);
			first.stop();
			churn.publish(100);
			try (WarrenProcess nodeA2 = WarrenProcess.start("records-a2", "warren.socket.jar", workDir.resolve("a2"),
					nodeEnv, List.of(), WarrenProcess.freePort())) {
				Replica second = Replica.start(replicaArgs, "--socket-url", nodeA2.edgeUrl(), "--socket-url",
						nodeB.edgeUrl());
				churn.publish(OPERATIONS - churn.published());
				assertThat(churn.published()).isEqualTo(OPERATIONS);

				for (String collection : COLLECTIONS) {
					String path = "/v1/clients/" + clientId + "/collections/" + collection + "-" + run
							+ "/checksum?topic=" + topic;
					await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
						PublisherApi.Response expected = api.get(path);
						assertThat(expected.status()).isEqualTo(200);
						assertThat(second.latest(collection + "-" + run))
							.as("replica of %s (stderr: %s)", collection, second.err())
							.isEqualTo(expected.body().path("rows").asInt() + " "
									+ expected.body().path("checksum").asString());
					});
				}
				second.stop();
				assertThat(second.out()).doesNotContain("continuityLost");
				assertThat(first.out()).doesNotContain("continuityLost");
				assertThat(second.connections()).as("the second run connected to the new node")
					.isGreaterThanOrEqualTo(1);
			}
			System.out.printf("record sync: %d operations (%d over HTTP), replica restarted once, node killed once%n",
					churn.published(), churn.overHttp());
		}
	}

	/**
	 * {@code warren-sub replica} run in-process; stopped by interrupting its thread, as
	 * Ctrl-C would stop the process (every applied message is already committed).
	 */
	private static final class Replica {

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		private final ByteArrayOutputStream err = new ByteArrayOutputStream();

		private final AtomicInteger exit = new AtomicInteger(-1);

		private Thread thread;

		static Replica start(String[] args, String... more) {
			Replica replica = new Replica();
			List<String> all = new ArrayList<>(List.of(args));
			all.addAll(List.of(more));
			PrintStream out = new PrintStream(replica.out, true, StandardCharsets.UTF_8);
			PrintStream err = new PrintStream(replica.err, true, StandardCharsets.UTF_8);
			replica.thread = new Thread(
					() -> replica.exit.set(WarrenSubClient.run(out, err, all.toArray(String[]::new))), "replica");
			replica.thread.start();
			return replica;
		}

		int connections() {
			return err().split("replica connected to", -1).length - 1;
		}

		/** The replica's last status line of a collection: rows and checksum. */
		String latest(String collection) {
			String latest = "0 " + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
			for (String line : out().split("\n")) {
				if (line.startsWith("{\"collection\"")) {
					JsonNode state = json.readTree(line);
					if (state.path("collection").asString().equals(collection)) {
						latest = state.path("rows").asInt() + " " + state.path("checksum").asString();
					}
				}
			}
			return latest;
		}

		void stop() throws InterruptedException {
			this.thread.interrupt();
			this.thread.join(30_000);
			assertThat(this.thread.isAlive()).as("the replica stopped").isFalse();
			assertThat(this.exit.get()).as(err()).isZero();
		}

		String out() {
			return this.out.toString(StandardCharsets.UTF_8);
		}

		String err() {
			return this.err.toString(StandardCharsets.UTF_8);
		}

	}

	/**
	 * Random record operations, one at a time and each confirmed before the next, so that
	 * ingest takes them in this order: upserts (70 %), deletes (25 %) and clears of 40
	 * keys in two collections, to the client (60 %), the topic (20 %) or everyone, half
	 * over the HTTP API and half straight into the ingest exchange.
	 */
	private static final class Churn {

		private final Random random = new Random(20261206);

		private final PublisherApi api;

		private final Channel channel;

		private final String clientId;

		private final String topic;

		private final String run;

		private int published;

		private int overHttp;

		Churn(PublisherApi api, Connection connection, String clientId, String topic, String run) throws Exception {
			this.api = api;
			this.channel = connection.createChannel();
			this.channel.confirmSelect();
			this.clientId = clientId;
			this.topic = topic;
			this.run = run;
		}

		int published() {
			return this.published;
		}

		int overHttp() {
			return this.overHttp;
		}

		void publish(int count) throws Exception {
			for (int i = 0; i < count; i++) {
				publishOne();
				this.published++;
			}
		}

		private void publishOne() throws Exception {
			String collection = COLLECTIONS.get(this.random.nextInt(COLLECTIONS.size())) + "-" + this.run;
			int dice = this.random.nextInt(100);
			String op = (dice < 70) ? "upsert" : (dice < 99) ? "delete" : "clear";
			String key = op.equals("clear") ? null : "k" + this.random.nextInt(40);
			byte[] body = op.equals("upsert") ? ("{\"n\":" + this.published + ",\"v\":\"" + UUID.randomUUID() + "\"}")
				.getBytes(StandardCharsets.UTF_8) : new byte[0];
			int where = this.random.nextInt(10);
			String routingKey = (where < 6) ? "client." + this.clientId
					: (where < 8) ? "topic." + this.topic : "broadcast";
			if (this.random.nextBoolean()) {
				String path = switch (routingKey.substring(0, routingKey.indexOf('.') + 1)) {
					case "client." -> "/v1/clients/" + this.clientId + "/messages";
					case "topic." -> "/v1/topics/" + this.topic + "/messages";
					default -> "/v1/broadcast";
				};
				List<String> headers = new ArrayList<>(List.of("Warren-Op", op, "Warren-Collection", collection));
				if (key != null) {
					headers.addAll(List.of("Warren-Key", key));
				}
				PublisherApi.Response response = this.api.post(path, "application/json", body,
						headers.toArray(String[]::new));
				assertThat(response.status()).as(response.body().toString()).isEqualTo(202);
				this.overHttp++;
			}
			else {
				Map<String, Object> headers = new HashMap<>();
				headers.put(WarrenNames.OP_HEADER, op);
				headers.put(WarrenNames.COLLECTION_HEADER, collection);
				if (key != null) {
					headers.put(WarrenNames.KEY_HEADER, key);
				}
				this.channel.basicPublish(RealServices.amqpNames().ingestExchange(), routingKey,
						new AMQP.BasicProperties.Builder().contentType("application/json")
							.deliveryMode(2)
							.headers(headers)
							.build(),
						body);
				this.channel.waitForConfirmsOrDie(10_000);
			}
		}

	}

}
