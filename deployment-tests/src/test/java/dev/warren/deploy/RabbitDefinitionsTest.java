package dev.warren.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.warren.testsupport.RealServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose cluster's RabbitMQ definitions, imported by its own script into the local
 * RabbitMQ through the management API (under a vhost and user of this run's own, so the
 * broker's other users are untouched): the application user logs in with the password
 * from the environment and finds the exchanges (the ingest one a fanout), the quorum
 * ingest queue and its binding.
 */
class RabbitDefinitionsTest {

	private static final String MANAGEMENT = "http://127.0.0.1:15672";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String vhost = "warren-definitions-t" + RealServices.RUN_ID;

	private final String user = "warren-definitions-t" + RealServices.RUN_ID;

	@Test
	void importedDefinitionsLetWarrensUserInToItsTopology(@TempDir Path work) throws Exception {
		Path definitions = renamedDefinitions(work);
		String password = "pw-" + RealServices.RUN_ID;
		Commands.Result imported = importDefinitions(definitions, password);
		assertThat(imported.exitCode()).as(imported.output()).isZero();

		JsonNode queue = management("GET", "/api/queues/" + this.vhost + "/warren.ingest");
		assertThat(queue.path("type").asString()).isEqualTo("quorum");
		assertThat(queue.path("durable").asBoolean()).isTrue();
		// A fanout, as publisher-service declares it: a topic exchange would refuse its
		// declaration and cost the broker a key match per message.
		JsonNode exchange = management("GET", "/api/exchanges/" + this.vhost + "/warren.ingest");
		assertThat(exchange.path("type").asString()).isEqualTo("fanout");

		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost("127.0.0.1");
		factory.setVirtualHost(this.vhost);
		factory.setUsername(this.user);
		factory.setPassword(password);
		try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
			channel.exchangeDeclarePassive("warren.deliveries");
			channel.queueDeclarePassive("warren.ingest.dlq");
			// A producer's message reaches the ingest queue through the "#" binding.
			channel.basicPublish("warren.ingest", "topic.prices", null, "{}".getBytes(StandardCharsets.UTF_8));
			GetResponse received = null;
			for (int i = 0; i < 50 && received == null; i++) {
				received = channel.basicGet("warren.ingest", true);
				if (received == null) {
					Thread.sleep(100);
				}
			}
			assertThat(received).isNotNull();
			assertThat(received.getEnvelope().getRoutingKey()).isEqualTo("topic.prices");
		}
	}

	@Test
	void aPasswordThatWouldBreakTheJsonIsRefused(@TempDir Path work) throws Exception {
		Commands.Result imported = importDefinitions(renamedDefinitions(work), "bad\"password");
		assertThat(imported.exitCode()).isNotZero();
		assertThat(imported.output()).contains("must not contain");
		assertThat(http.send(request("GET", "/api/users/" + this.user), HttpResponse.BodyHandlers.discarding())
			.statusCode()).isEqualTo(404);
	}

	@AfterEach
	void deleteVhostAndUser() throws Exception {
		http.send(request("DELETE", "/api/vhosts/" + this.vhost), HttpResponse.BodyHandlers.discarding());
		http.send(request("DELETE", "/api/users/" + this.user), HttpResponse.BodyHandlers.discarding());
	}

	private Commands.Result importDefinitions(Path definitions, String password) {
		RealServices.RabbitEndpoint rabbit = RealServices.rabbit();
		requireManagement();
		return Commands.run(Project.root(),
				Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), "RABBITMQ_MANAGEMENT_URL",
						MANAGEMENT, "RABBITMQ_ADMIN_USER", rabbit.username(), "RABBITMQ_ADMIN_PASSWORD",
						rabbit.password(), "WARREN_RABBITMQ_PASSWORD", password, "DEFINITIONS", definitions.toString()),
				List.of("sh", "deploy/rabbitmq/import-definitions.sh"));
	}

	/** The committed definitions with this run's vhost and user in place of "warren". */
	private Path renamedDefinitions(Path work) throws IOException {
		ObjectNode root = (ObjectNode) json.readTree(Project.read("deploy/rabbitmq/definitions.json"));
		for (JsonNode section : root) {
			for (JsonNode item : section) {
				ObjectNode node = (ObjectNode) item;
				if (node.has("vhost")) {
					node.put("vhost", this.vhost);
				}
				if (node.has("user")) {
					node.put("user", this.user);
				}
			}
		}
		((ObjectNode) root.get("vhosts").get(0)).put("name", this.vhost);
		((ObjectNode) root.get("users").get(0)).put("name", this.user);
		Path file = work.resolve("definitions.json");
		Files.writeString(file, json.writeValueAsString(root));
		return file;
	}

	private static void requireManagement() {
		try {
			http.send(HttpRequest.newBuilder(URI.create(MANAGEMENT + "/api/overview")).build(),
					HttpResponse.BodyHandlers.discarding());
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException("RabbitMQ's management API does not answer on " + MANAGEMENT
					+ ": rabbitmq-plugins enable rabbitmq_management", ex);
		}
	}

	private JsonNode management(String method, String path) throws Exception {
		HttpResponse<String> response = http.send(request(method, path), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static HttpRequest request(String method, String path) {
		RealServices.RabbitEndpoint rabbit = RealServices.rabbit();
		String credentials = Base64.getEncoder()
			.encodeToString((rabbit.username() + ":" + rabbit.password()).getBytes(StandardCharsets.UTF_8));
		return HttpRequest.newBuilder(URI.create(MANAGEMENT + path))
			.header("Authorization", "Basic " + credentials)
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(10))
			.build();
	}

}
