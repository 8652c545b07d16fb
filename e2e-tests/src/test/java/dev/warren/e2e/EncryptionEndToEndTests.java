package dev.warren.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.warren.common.WarrenNames;
import dev.warren.subclient.WarrenSubClient;
import dev.warren.subclient.crypto.FernetKeys;
import dev.warren.testsupport.RealServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Payload encryption through the whole bridge: a client registered with encryption
 * receives its messages (over HTTP and AMQP) as Fernet tokens that RabbitMQ holds
 * unreadable, {@code warren-sub --key} opens them, a wrong key does not, and the tokens
 * are Python's {@code cryptography.fernet} tokens both ways.
 */
class EncryptionEndToEndTests {

	private static final String SECRET = "crypt-" + UUID.randomUUID() + "-" + UUID.randomUUID();

	private static final String ADMIN_TOKEN = "admin-" + UUID.randomUUID() + "-" + UUID.randomUUID();

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void onlyTheClientsKeyOpensItsMessagesInJavaAndInPython(@TempDir Path workDir) throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		try (WarrenProcess publisher = WarrenProcess.start("crypt-publisher", "warren.publisher.jar",
				workDir.resolve("p"), ExternalMode.publisher(SECRET, ADMIN_TOKEN), List.of(), WarrenProcess.freePort());
				WarrenProcess node = WarrenProcess.start("crypt-node", "warren.socket.jar", workDir.resolve("n"),
						ExternalMode.node(SECRET), List.of(), WarrenProcess.freePort());
				Connection connection = RealServices.rabbit().connectionFactory().newConnection("crypt-e2e")) {
			PublisherApi api = new PublisherApi(publisher.baseUrl(), ADMIN_TOKEN);
			assertThat(api.get("/v1/create-rabbit-ch").status()).isEqualTo(200);
			String email = "crypt-" + run + "@example.test";
			PublisherApi.Response registered = api.post("/v1/create-channel-client",
					Map.of("name", "crypt", "email", email, "password", "password-" + run, "encryption", true));
			assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
			String clientId = registered.body().path("clientId").asString();
			String key = registered.body().path("encryptionKey").asString();

			// What RabbitMQ holds for the client, read beside the node.
			Channel channel = connection.createChannel();
			HistoryTap history = HistoryTap.open(connection, RealServices.amqpNames().historyStream());

			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ByteArrayOutputStream err = new ByteArrayOutputStream();
			ByteArrayOutputStream wrongOut = new ByteArrayOutputStream();
			ByteArrayOutputStream wrongErr = new ByteArrayOutputStream();
			CompletableFuture<Integer> subscriber = subscribe(out, err, publisher, node, email, run, key);
			CompletableFuture<Integer> wrong = subscribe(wrongOut, wrongErr, publisher, node, email, run,
					FernetKeysForTests.newKey());
			await().atMost(Duration.ofSeconds(30)).until(() -> subscribed(err) && subscribed(wrongErr));

			PublisherApi.Response published = api.post("/v1/clients/" + clientId + "/messages", "application/json",
					"{\"salary\":4200}".getBytes(StandardCharsets.UTF_8));
			assertThat(published.status()).isEqualTo(202);
			channel.basicPublish(RealServices.amqpNames().ingestExchange(), "client." + clientId,
					new AMQP.BasicProperties.Builder().contentType("text/plain").build(),
					"over AMQP".getBytes(StandardCharsets.UTF_8));

			assertThat(subscriber.get(30, TimeUnit.SECONDS)).isZero();
			List<JsonNode> lines = messageLines(out);
			assertThat(lines).extracting((line) -> line.path("body").toString())
				.containsExactlyInAnyOrder("{\"salary\":4200}", "\"over AMQP\"");
			assertThat(wrong.get(30, TimeUnit.SECONDS)).isZero();
			assertThat(messageLines(wrongOut)).allSatisfy(
					(line) -> assertThat(line.path("body").asString()).startsWith("gAAAAA").doesNotContain("4200"));

			HistoryTap.Held held = await().atMost(Duration.ofSeconds(10))
				.until(() -> history.first("client." + clientId), (delivery) -> delivery != null);
			String token = new String(held.body(), StandardCharsets.US_ASCII);
			assertThat(token).doesNotContain("salary").doesNotContain("AMQP");
			assertThat(String.valueOf(held.headers().get(WarrenNames.ENCRYPTION_HEADER))).isEqualTo("fernet");

			// Python's cryptography.fernet opens Warren's token...
			String clear = python(
					"from cryptography.fernet import Fernet; import sys; "
							+ "sys.stdout.write(Fernet(sys.argv[1].encode()).decrypt(sys.argv[2].encode()).decode())",
					key, token);
			assertThat(clear).isIn("{\"salary\":4200}", "over AMQP");
			// ...and Warren's client opens Python's.
			String fromPython = python(
					"from cryptography.fernet import Fernet; import sys; "
							+ "sys.stdout.write(Fernet(sys.argv[1].encode()).encrypt(b'made in python').decode())",
					key);
			FernetKeys keys = FernetKeys.of(List.of(key));
			assertThat(new String(keys.open(fromPython.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.UTF_8))
				.isEqualTo("made in python");
			assertThatExceptionOfType(FernetKeys.UndecryptableException.class)
				.isThrownBy(() -> FernetKeys.of(List.of(FernetKeysForTests.newKey()))
					.open(fromPython.getBytes(StandardCharsets.US_ASCII)));
		}
	}

	@Test
	void anEncryptedTopicReachesEachMemberSealedForItAlone(@TempDir Path workDir) throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		String topic = "payroll-" + run;
		try (WarrenProcess publisher = WarrenProcess.start("crypt-topic-publisher", "warren.publisher.jar",
				workDir.resolve("p"), ExternalMode.publisher(SECRET, ADMIN_TOKEN), List.of(), WarrenProcess.freePort());
				WarrenProcess node = WarrenProcess.start("crypt-topic-node", "warren.socket.jar", workDir.resolve("n"),
						ExternalMode.node(SECRET), List.of(), WarrenProcess.freePort())) {
			PublisherApi api = new PublisherApi(publisher.baseUrl(), ADMIN_TOKEN);
			assertThat(api.get("/v1/create-rabbit-ch").status()).isEqualTo(200);
			List<String> emails = List.of("ann-" + run + "@example.test", "bob-" + run + "@example.test");
			List<String> ids = new java.util.ArrayList<>();
			List<String> keys = new java.util.ArrayList<>();
			for (String email : emails) {
				PublisherApi.Response registered = api.post("/v1/create-channel-client",
						Map.of("name", "member", "email", email, "password", "password-" + run, "encryption", true));
				ids.add(registered.body().path("clientId").asString());
				keys.add(registered.body().path("encryptionKey").asString());
			}
			assertThat(api
				.post("/v1/topics", Map.of("name", topic, "visibility", "private", "encrypted", true, "members", ids))
				.status()).isEqualTo(201);

			List<ByteArrayOutputStream> outs = List.of(new ByteArrayOutputStream(), new ByteArrayOutputStream());
			List<ByteArrayOutputStream> errs = List.of(new ByteArrayOutputStream(), new ByteArrayOutputStream());
			List<CompletableFuture<Integer>> runs = new java.util.ArrayList<>();
			for (int i = 0; i < 2; i++) {
				PrintStream out = new PrintStream(outs.get(i), true, StandardCharsets.UTF_8);
				PrintStream err = new PrintStream(errs.get(i), true, StandardCharsets.UTF_8);
				String email = emails.get(i);
				String key = keys.get(i);
				runs.add(CompletableFuture.supplyAsync(() -> WarrenSubClient.run(out, err, "--publisher-url",
						publisher.baseUrl(), "--socket-url", node.edgeUrl(), "--login", "--email", email, "--password",
						"password-" + run, "--topic", topic, "--key", key, "--count", "2", "--seconds", "10")));
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> subscribed(errs.get(0)) && subscribed(errs.get(1)));
			assertThat(api
				.post("/v1/topics/" + topic + "/messages", "application/json",
						"{\"bonus\":700}".getBytes(StandardCharsets.UTF_8))
				.status()).isEqualTo(202);

			for (int i = 0; i < 2; i++) {
				assertThat(runs.get(i).get(30, TimeUnit.SECONDS)).isZero();
				assertThat(messageLines(outs.get(i))).as("member %d got its own copy, once, in clear", i)
					.singleElement()
					.satisfies((line) -> {
						assertThat(line.path("destination").asString()).isEqualTo("/topic/" + topic);
						assertThat(line.path("body").toString()).isEqualTo("{\"bonus\":700}");
					});
			}
		}
	}

	private static CompletableFuture<Integer> subscribe(ByteArrayOutputStream out, ByteArrayOutputStream err,
			WarrenProcess publisher, WarrenProcess node, String email, String run, String key) {
		PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
		PrintStream printErr = new PrintStream(err, true, StandardCharsets.UTF_8);
		return CompletableFuture.supplyAsync(() -> WarrenSubClient.run(print, printErr, "--publisher-url",
				publisher.baseUrl(), "--socket-url", node.edgeUrl(), "--login", "--email", email, "--password",
				"password-" + run, "--key", key, "--count", "2", "--seconds", "30"));
	}

	/** warren-sub says so once the server acknowledged its subscriptions. */
	private static boolean subscribed(ByteArrayOutputStream err) {
		return err.toString(StandardCharsets.UTF_8).contains("subscribed to");
	}

	private static List<JsonNode> messageLines(ByteArrayOutputStream out) {
		return out.toString(StandardCharsets.UTF_8)
			.lines()
			.map(json::readTree)
			.filter((line) -> line.has("body"))
			.toList();
	}

	private static String python(String program, String... args) throws IOException, InterruptedException {
		List<String> command = new java.util.ArrayList<>(List.of("python3", "-c", program));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		String error = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue())
			.as("python3 with cryptography.fernet " + "(Debian: apt-get install python3-cryptography): %s", error)
			.isZero();
		return output;
	}

	/** A key of nobody's. */
	private static final class FernetKeysForTests {

		static String newKey() {
			return com.macasaet.fernet.Key.generateKey().serialise();
		}

	}

}
