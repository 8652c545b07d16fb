package dev.warren.publisher;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.common.WarrenNames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one-command mode: no broker host given, so publisher-service starts its own broker
 * and keeps its data in an H2 file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
class EmbeddedModeIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@TempDir
	static Path dir;

	private static final int BROKER_PORT = freePort();

	@Autowired
	TestRestTemplate http;

	@LocalServerPort
	int port;

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	CachingConnectionFactory connectionFactory;

	@Autowired
	WarrenAmqpProperties names;

	@Autowired
	ApplicationContext context;

	@DynamicPropertySource
	static void props(DynamicPropertyRegistry registry) {
		registry.add("warren.broker.port", () -> BROKER_PORT);
		registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dir.resolve("data/warren"));
		registry.add("warren.jwt.secret-file", () -> dir.resolve("data/jwt-secret").toString());
		registry.add("warren.admin.token-file", () -> dir.resolve("data/admin-token").toString());
	}

	@Test
	void generatesAnAdminTokenThatTheAdminApiNeeds() throws Exception {
		Path file = dir.resolve("data/admin-token");
		assertThat(file).exists();
		String token = Files.readString(file).trim();
		assertThat(token).hasSizeGreaterThanOrEqualTo(32);
		HttpClient client = HttpClient.newHttpClient();
		URI channels = URI.create("http://127.0.0.1:" + this.port + "/v1/rabbit-channels");
		HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(channels).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		HttpResponse<String> admin = client.send(
				HttpRequest.newBuilder(channels).header("Authorization", "Bearer " + token).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(admin.statusCode()).isEqualTo(200);
	}

	@Test
	void runsOnItsOwnBrokerAndDatabase() {
		assertThat(this.context.getEnvironment().getProperty("warren.embedded", Boolean.class)).isTrue();
		assertThat(this.context.containsBean("warrenEmbeddedBroker")).isTrue();
		assertThat(this.connectionFactory.getPort()).isEqualTo(BROKER_PORT);
		assertThat(this.names.ingestExchange()).isEqualTo(WarrenNames.INGEST_EXCHANGE);
		assertThat(dir.resolve("data/warren.mv.db")).exists();
	}

	@Test
	void registersWithAGeneratedSecret() {
		ResponseEntity<Map> created = this.http.postForEntity("/v1/create-channel-client",
				Map.of("name", "Ann", "email", "ann@example.com", "password", "secret123"), Map.class);
		assertThat(created.getStatusCode()).isIn(HttpStatus.CREATED, HttpStatus.OK);
		assertThat(created.getBody()).containsKeys("clientId", "token");
		assertThat(Files.exists(dir.resolve("data/jwt-secret"))).isTrue();
	}

	@Test
	void messageTravelsIngestToDeliveries() throws Exception {
		AdminBearer.authenticate(this.http, Files.readString(dir.resolve("data/admin-token")).trim());
		assertThat(this.http.getForEntity("/v1/create-rabbit-ch", Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.http.getForEntity("/v1/rabbit-channels/default", Map.class).getBody())
				.containsEntry("state", "consuming"));
		try (DeliveryProbe probe = DeliveryProbe.open(this.connectionFactory, this.names.deliveriesExchange(),
				"client.x")) {
			MessageProperties properties = new MessageProperties();
			properties.setContentType("application/json");
			this.rabbit.send(this.names.ingestExchange(), "client.x",
					new Message("{\"hello\":1}".getBytes(StandardCharsets.UTF_8), properties));
			await().atMost(WAIT).untilAsserted(() -> assertThat(probe.received()).singleElement().satisfies((m) -> {
				assertThat(m.text()).isEqualTo("{\"hello\":1}");
				assertThat(m.properties().getContentType()).isEqualTo("application/json");
				assertThat(m.header(WarrenNames.ID_HEADER)).isNotNull();
				assertThat(m.header(WarrenNames.PUBLISHED_AT_HEADER)).isInstanceOf(Long.class);
				assertThat(m.header(WarrenNames.DESTINATION_HEADER)).asString().isEqualTo("/user/queue/data");
			}));
		}
		// The dead-letter path works on the embedded broker too.
		this.rabbit.send(this.names.ingestExchange(), "topic.bad topic",
				new Message("bad".getBytes(StandardCharsets.UTF_8), new MessageProperties()));
		Message dead = await().atMost(WAIT)
			.until(() -> this.rabbit.receive(this.names.deadLetterQueue(), 500), (m) -> m != null);
		assertThat(dead.getMessageProperties().getHeaders()).containsKey(WarrenNames.REASON_HEADER);
	}

	@Test
	void aChannelWithABindingKeyTakesOnlyItsKeysOnTheEmbeddedBrokerToo() throws Exception {
		AdminBearer.authenticate(this.http, Files.readString(dir.resolve("data/admin-token")).trim());
		ResponseEntity<Map> created = this.http.postForEntity("/v1/rabbit-channels",
				Map.of("name", "routed", "queue", "embedded.routed", "bindingKey", "topic.routed.#"), Map.class);
		assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.CREATED);
		// Deleting the channel stops its consumer and leaves the queue and its binding,
		// so the queue shows what the broker routes to it.
		this.http.delete("/v1/rabbit-channels/routed");
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(this.http.getForEntity("/v1/rabbit-channels/routed", Map.class).getStatusCode())
						.isEqualTo(HttpStatus.NOT_FOUND));
		for (String key : new String[] { "topic.routed.a", "topic.elsewhere", "topic.routed.b" }) {
			this.rabbit.send(this.names.ingestExchange(), key,
					new Message(key.getBytes(StandardCharsets.UTF_8), new MessageProperties()));
		}
		Message first = await().atMost(WAIT).until(() -> this.rabbit.receive("embedded.routed", 500), (m) -> m != null);
		assertThat(first.getMessageProperties().getReceivedRoutingKey()).isEqualTo("topic.routed.a");
		assertThat(this.rabbit.receive("embedded.routed", 2000).getMessageProperties().getReceivedRoutingKey())
			.isEqualTo("topic.routed.b");
		assertThat(this.rabbit.receive("embedded.routed", 500)).isNull();
	}

	@Test
	void testModeEndpointDoesNotExistWhenOff() {
		ResponseEntity<Map> response = this.http.getForEntity("/v1/publish-data-over-ch?count=1", Map.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			return socket.getLocalPort();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
