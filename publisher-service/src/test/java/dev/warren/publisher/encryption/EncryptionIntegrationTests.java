package dev.warren.publisher.encryption;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.macasaet.fernet.Key;
import com.macasaet.fernet.StringValidator;
import com.macasaet.fernet.Token;
import com.macasaet.fernet.TokenValidationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.common.WarrenNames;
import dev.warren.publisher.DeliveryProbe;
import dev.warren.publisher.IntegrationTestSupport;
import dev.warren.publisher.RawApi;

import static dev.warren.publisher.RawApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Payload encryption against the real RabbitMQ and database: a client registered with
 * encryption gets its key once; what is published to it reaches the deliveries exchange
 * as a Fernet token only its key opens, while other clients' messages stay clear; a
 * rotated key replaces the old one at once; the database holds the key sealed only; a key
 * change is announced to every instance and in force wherever the announcement arrives.
 */
class EncryptionIntegrationTests extends IntegrationTestSupport {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@LocalServerPort
	int port;

	@Autowired
	CachingConnectionFactory connectionFactory;

	@Autowired
	WarrenAmqpProperties names;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ClientKeys keys;

	@Autowired
	EncryptionProperties encryption;

	@Autowired
	RabbitTemplate rabbit;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private RawApi api;

	@BeforeEach
	void channel() {
		this.api = new RawApi(this.port);
		assertThat(this.http.getForEntity("/v1/create-rabbit-ch", Object.class).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void anEncryptedClientsMessagesLeaveAsFernetTokensOnlyItsKeyOpens() throws Exception {
		JsonNode secret = register("secret-" + this.run, true);
		String secretId = secret.path("clientId").asString();
		Key key = new Key(secret.path("encryptionKey").asString());
		JsonNode plain = register("plain-" + this.run, false);
		String plainId = plain.path("clientId").asString();
		assertThat(plain.path("encryptionKey").isNull()).isTrue();
		JsonNode again = register("secret-" + this.run, true);
		assertThat(again.path("clientId").asString()).isEqualTo(secretId);
		assertThat(again.path("encryptionKey").isNull()).as("the key is shown once").isTrue();

		String sealed = this.jdbc.sql("SELECT sealed_key FROM warren_client_key WHERE client_id = :c")
			.param("c", secretId)
			.query(String.class)
			.single();
		assertThat(sealed).doesNotContain(key.serialise());

		try (DeliveryProbe probe = DeliveryProbe.open(this.connectionFactory, this.names.deliveriesExchange(),
				"client." + secretId, "client." + plainId)) {
			publish(secretId, "{\"salary\":4200}");
			publish(plainId, "{\"salary\":3100}");
			await().atMost(WAIT).untilAsserted(() -> assertThat(probe.received()).hasSize(2));
			DeliveryProbe.Received toSecret = only(probe.received(), "client." + secretId);
			assertThat(toSecret.text()).doesNotContain("4200");
			assertThat(String.valueOf(toSecret.header(WarrenNames.ENCRYPTION_HEADER))).isEqualTo("fernet");
			assertThat(toSecret.properties().getContentType()).isEqualTo("application/json");
			assertThat(decrypt(toSecret.text(), key)).isEqualTo("{\"salary\":4200}");
			assertThatExceptionOfType(TokenValidationException.class)
				.isThrownBy(() -> decrypt(toSecret.text(), Key.generateKey()));
			DeliveryProbe.Received toPlain = only(probe.received(), "client." + plainId);
			assertThat(toPlain.text()).isEqualTo("{\"salary\":3100}");
			assertThat(toPlain.header(WarrenNames.ENCRYPTION_HEADER)).isNull();
		}

		HttpResponse<String> rotated = this.api.send("POST", "/v1/clients/" + secretId + "/encryption-key", null, null,
				ADMIN_TOKEN);
		assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);
		Key next = new Key(RawApi.json(rotated.body()).path("encryptionKey").asString());
		try (DeliveryProbe probe = DeliveryProbe.open(this.connectionFactory, this.names.deliveriesExchange(),
				"client." + secretId)) {
			publish(secretId, "{\"salary\":4300}");
			await().atMost(WAIT).untilAsserted(() -> assertThat(probe.received()).hasSize(1));
			String token = probe.received().get(0).text();
			assertThat(decrypt(token, next)).isEqualTo("{\"salary\":4300}");
			assertThatExceptionOfType(TokenValidationException.class).isThrownBy(() -> decrypt(token, key));
		}

		assertThat(this.api.send("DELETE", "/v1/clients/" + secretId + "/encryption-key", null, null, ADMIN_TOKEN)
			.statusCode()).isEqualTo(204);
		assertProblem(this.api.send("DELETE", "/v1/clients/" + secretId + "/encryption-key", null, null, ADMIN_TOKEN),
				404, "no key any more");
		try (DeliveryProbe probe = DeliveryProbe.open(this.connectionFactory, this.names.deliveriesExchange(),
				"client." + secretId)) {
			publish(secretId, "{\"salary\":4400}");
			await().atMost(WAIT).untilAsserted(() -> assertThat(probe.received()).hasSize(1));
			assertThat(probe.received().get(0).text()).isEqualTo("{\"salary\":4400}");
		}
	}

	@Test
	void anEncryptedTopicsMessageLeavesAsOneSealedCopyPerMemberWithAKey() throws Exception {
		String a = register("member-a-" + this.run, true).path("clientId").asString();
		Key keyA = new Key(RawApi
			.json(this.api.send("POST", "/v1/clients/" + a + "/encryption-key", null, null, ADMIN_TOKEN).body())
			.path("encryptionKey")
			.asString());
		JsonNode memberB = register("member-b-" + this.run, true);
		String b = memberB.path("clientId").asString();
		Key keyB = new Key(memberB.path("encryptionKey").asString());
		String clear = register("member-c-" + this.run, false).path("clientId").asString();
		String topic = "payroll-" + this.run;
		assertProblem(
				this.api.sendJson("POST", "/v1/topics",
						"{\"name\":\"" + topic + "\",\"visibility\":\"public\",\"encrypted\":true}", ADMIN_TOKEN),
				400, "a public topic cannot be encrypted");
		HttpResponse<String> created = this.api.sendJson("POST", "/v1/topics",
				"{\"name\":\"" + topic + "\",\"visibility\":\"private\",\"encrypted\":true,\"members\":[\"" + a
						+ "\",\"" + b + "\",\"" + clear + "\"]}",
				ADMIN_TOKEN);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(RawApi.json(created.body()).path("encrypted").asBoolean()).isTrue();

		try (DeliveryProbe probe = DeliveryProbe.open(this.connectionFactory, this.names.deliveriesExchange(),
				"client." + a, "client." + b, "client." + clear, "topic." + topic)) {
			HttpResponse<String> response = this.api.send("POST", "/v1/topics/" + topic + "/messages",
					"application/json", "{\"bonus\":700}".getBytes(StandardCharsets.UTF_8), ADMIN_TOKEN);
			assertThat(response.statusCode()).isEqualTo(202);
			await().atMost(WAIT).untilAsserted(() -> assertThat(probe.received()).hasSize(2));
			Thread.sleep(500);
			assertThat(probe.received()).extracting(DeliveryProbe.Received::routingKey)
				.as("one copy per member with a key, none in clear")
				.containsExactlyInAnyOrder("client." + a, "client." + b);
			for (DeliveryProbe.Received copy : probe.received()) {
				String member = copy.routingKey().substring("client.".length());
				assertThat(String.valueOf(copy.header(WarrenNames.RECIPIENT_HEADER))).isEqualTo(member);
				assertThat(String.valueOf(copy.header(WarrenNames.DESTINATION_HEADER))).isEqualTo("/topic/" + topic);
				assertThat(String.valueOf(copy.header(WarrenNames.ID_HEADER)))
					.isEqualTo(RawApi.json(response.body()).path("id").asString());
				assertThat(decrypt(copy.text(), member.equals(a) ? keyA : keyB)).isEqualTo("{\"bonus\":700}");
				assertThatExceptionOfType(TokenValidationException.class)
					.isThrownBy(() -> decrypt(copy.text(), member.equals(a) ? keyB : keyA));
			}
		}
	}

	@Test
	void aKeyChangeAnnouncedByAnotherInstanceIsInForceHereAsTheAnnouncementArrives() throws Exception {
		String id = register("elsewhere-" + this.run, false).path("clientId").asString();
		// What another instance's rotation writes, dated an hour back: this instance's
		// periodic read (what changed since its last read) passes over it, so only the
		// announcement can bring it here.
		Key key = Key.generateKey();
		Timestamp longAgo = Timestamp.from(Instant.now().minus(Duration.ofHours(1)));
		this.jdbc.sql("INSERT INTO warren_client_key (client_id, sealed_key, updated_at) VALUES (:c, :s, :t)")
			.param("c", id)
			.param("s", MasterKey.resolve(this.encryption, false).seal(key))
			.param("t", longAgo)
			.update();
		assertThat(this.keys.keyOf(id)).isNull();
		announceKeyChange(id);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.keys.keyOf(id)).extracting(Key::serialise).isEqualTo(key.serialise()));
		try (DeliveryProbe probe = DeliveryProbe.open(this.connectionFactory, this.names.deliveriesExchange(),
				"client." + id)) {
			publish(id, "{\"salary\":4500}");
			await().atMost(WAIT).untilAsserted(() -> assertThat(probe.received()).hasSize(1));
			assertThat(decrypt(probe.received().get(0).text(), key)).isEqualTo("{\"salary\":4500}");
		}

		this.jdbc.sql("UPDATE warren_client_key SET sealed_key = NULL, updated_at = :t WHERE client_id = :c")
			.param("c", id)
			.param("t", longAgo)
			.update();
		announceKeyChange(id);
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.keys.keyOf(id)).isNull());
	}

	@Test
	void everyKeyChangeHereIsAnnouncedWithTheClientIdOnly() throws Exception {
		try (DeliveryProbe probe = DeliveryProbe.open(this.connectionFactory, this.names.deliveriesExchange(),
				WarrenNames.CLIENT_KEY_KEY)) {
			JsonNode registered = register("announced-" + this.run, true);
			String id = registered.path("clientId").asString();
			HttpResponse<String> rotated = this.api.send("POST", "/v1/clients/" + id + "/encryption-key", null, null,
					ADMIN_TOKEN);
			assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);
			assertThat(this.api.send("DELETE", "/v1/clients/" + id + "/encryption-key", null, null, ADMIN_TOKEN)
				.statusCode()).isEqualTo(204);
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(probe.received()).filteredOn((m) -> m.text().equals(id))
					.as("registration, rotation and removal")
					.hasSize(3));
			assertThat(probe.received()).extracting(DeliveryProbe.Received::text)
				.noneMatch((text) -> text.contains(registered.path("encryptionKey").asString()))
				.noneMatch((text) -> text.contains(RawApi.json(rotated.body()).path("encryptionKey").asString()));
		}
	}

	private void announceKeyChange(String clientId) {
		this.rabbit.send(this.names.deliveriesExchange(), WarrenNames.CLIENT_KEY_KEY,
				new Message(clientId.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void keysAreAdminOnly() {
		assertThat(this.api.send("POST", "/v1/clients/c-1/encryption-key", null, null, null).statusCode())
			.isEqualTo(401);
		assertProblem(this.api.send("POST", "/v1/clients/a%20b/encryption-key", null, null, ADMIN_TOKEN), 400,
				"a bad client id");
	}

	private JsonNode register(String name, boolean encryption) {
		HttpResponse<String> response = this.api.sendJson(
				"POST", "/v1/create-channel-client", "{\"name\":\"" + name + "\",\"email\":\"" + name
						+ "@example.test\",\"password\":\"password-" + name + "\",\"encryption\":" + encryption + "}",
				null);
		assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
		return RawApi.json(response.body());
	}

	private void publish(String clientId, String body) {
		HttpResponse<String> response = this.api.send("POST", "/v1/clients/" + clientId + "/messages",
				"application/json", body.getBytes(StandardCharsets.UTF_8), ADMIN_TOKEN);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
	}

	private static DeliveryProbe.Received only(List<DeliveryProbe.Received> received, String routingKey) {
		return received.stream().filter((m) -> m.routingKey().equals(routingKey)).findFirst().orElseThrow();
	}

	private static String decrypt(String token, Key key) {
		return Token.fromString(token).validateAndDecrypt(key, new StringValidator() {
		});
	}

}
