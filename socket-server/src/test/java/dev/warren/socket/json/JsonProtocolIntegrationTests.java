package dev.warren.socket.json;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.warren.common.token.HmacTokens;
import dev.warren.socket.support.JsonClient;
import dev.warren.socket.support.SocketServerIntegrationTest;
import dev.warren.socket.support.StompProbe;
import dev.warren.socket.support.StompProbe.Inbox;
import dev.warren.testsupport.ForeignTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The JSON protocol on the edge, driven by the JDK's WebSocket client, on the same node,
 * rules and bindings as STOMP.
 */
class JsonProtocolIntegrationTests extends SocketServerIntegrationTest {

	private final List<JsonClient> clients = new ArrayList<>();

	@AfterEach
	void closeClients() {
		this.clients.forEach(JsonClient::close);
	}

	@Test
	void connectsByHeaderAndGetsPrivateMessagesAndBroadcastsWithoutSubscribing() {
		String alice = newClientId();
		JsonClient client = open(token(alice));
		JsonNode connected = client.await((frame) -> "connected".equals(frame.path("type").asString()));
		assertThat(connected.path("client_id").asString()).isEqualTo(alice);
		assertThat(connected.path("request_id").isNull()).isTrue();
		assertThat(connected.path("expires_at").asLong()).isGreaterThan(System.currentTimeMillis());

		// One channel, so the broker keeps the two messages in order.
		this.rabbit.invoke((operations) -> {
			publish(operations, "client." + alice, "{\"n\":1}", "j-1");
			publish(operations, "broadcast", "\"to everyone\"", "j-2");
			return null;
		});
		await().atMost(timeout()).until(() -> client.messages().size() == 2);
		JsonNode direct = client.messages().get(0);
		assertThat(direct.path("channel").asString()).isEqualTo("private");
		assertThat(direct.path("topic").isNull()).isTrue();
		assertThat(direct.path("id").asString()).isEqualTo("j-1");
		assertThat(direct.path("published_at").asLong()).isPositive();
		assertThat(direct.path("data").path("n").asInt()).isEqualTo(1);
		assertThat(client.messages().get(1).path("data").asString()).isEqualTo("to everyone");
	}

	@Test
	void connectsByFirstFrameAndSubscribesAndUnsubscribesWithRequestIds() {
		String topic = topic();
		JsonClient client = open(null);
		client.send("{\"type\":\"Connect\",\"request_id\":\"c1\",\"token\":\"" + token(newClientId()) + "\"}");
		assertThat(client.await("connected", "c1").path("client_id").asString()).startsWith("c-");

		client.send("{\"type\":\"Subscribe\",\"request_id\":\"s1\",\"topic\":\"" + topic + "\"}");
		JsonNode response = client.await("response", "s1");
		assertThat(response.path("topic").asString()).isEqualTo(topic);
		assertThat(response.path("subscribed").asBoolean()).isTrue();
		publish("topic." + topic, "{\"price\":1.5}", "t-1");
		JsonNode message = client.await((frame) -> "t-1".equals(frame.path("id").asString()));
		assertThat(message.path("channel").asString()).isEqualTo("topic");
		assertThat(message.path("topic").asString()).isEqualTo(topic);
		assertThat(message.path("data").path("price").asDouble()).isEqualTo(1.5);

		client.send("{\"type\":\"Unsubscribe\",\"request_id\":\"u1\",\"topic\":\"" + topic + "\"}");
		assertThat(client.await("response", "u1").path("subscribed").asBoolean()).isFalse();
		publish("topic." + topic, "{\"price\":2}", "t-2");
		publish("broadcast", "{\"marker\":true}", "marker");
		client.await((frame) -> "marker".equals(frame.path("id").asString()));
		assertThat(client.messages()).extracting((frame) -> frame.path("id").asString())
			.containsExactly("t-1", "marker");
	}

	@Test
	void aRefusedSubscribeIsAnErrorAndTheConnectionStaysOpen() {
		JsonClient client = connectedJson(newClientId());
		client.send("{\"type\":\"Subscribe\",\"request_id\":\"bad\",\"topic\":\"a/b\"}");
		JsonNode error = client.await("error", "bad");
		assertThat(error.path("code").asString()).isEqualTo("invalid");
		assertThat(error.path("message").asString()).contains("a/b");
		String topic = topic();
		client.send("{\"type\":\"Subscribe\",\"request_id\":\"good\",\"topic\":\"" + topic + "\"}");
		assertThat(client.await("response", "good").path("subscribed").asBoolean()).isTrue();
		assertThat(client.isClosed()).isFalse();
	}

	@Test
	void badFramesAreAnsweredWithErrorsNeverDropped() {
		String alice = newClientId();
		JsonClient client = connectedJson(alice);
		client.send("not json");
		client.send("[1,2]");
		client.send("{\"type\":\"Shout\",\"request_id\":\"p\"}");
		client.send("{\"request_id\":\"nt\"}");
		client.send("{\"type\":\"Subscribe\",\"request_id\":\"nf\"}");
		client.send("{\"type\":\"Subscribe\",\"request_id\":\"num\",\"topic\":42}");
		client.send("{\"type\":\"Connect\",\"request_id\":\"again\",\"token\":\"" + token(alice) + "\"}");
		assertThat(client.await("error", "p").path("code").asString()).isEqualTo("unknown_type");
		assertThat(client.await("error", "nt").path("code").asString()).isEqualTo("missing_field");
		assertThat(client.await("error", "nf").path("code").asString()).isEqualTo("missing_field");
		assertThat(client.await("error", "num").path("code").asString()).isEqualTo("missing_field");
		assertThat(client.await("error", "again").path("code").asString()).isEqualTo("already_connected");
		assertThat(client.frames()
			.stream()
			.filter((frame) -> "invalid_json".equals(frame.path("code").asString()))
			.count()).isEqualTo(2);
		client.send("x".repeat(70 * 1024));
		assertThat(client.await((frame) -> "too_large".equals(frame.path("code").asString()))).isNotNull();

		publish("client." + alice, "{\"still\":\"here\"}", "after-garbage");
		client.await((frame) -> "after-garbage".equals(frame.path("id").asString()));
		assertThat(client.isClosed()).isFalse();
	}

	@Test
	void aBadTokenIsRefusedWith4401() {
		JsonClient client = open(null);
		client.send("{\"type\":\"Connect\",\"request_id\":\"c\",\"token\":\"forged\"}");
		assertThat(client.await("error", "c").path("code").asString()).isEqualTo("unauthorized");
		assertThat(client.awaitClose()).isEqualTo(4401);
		assertThat(open("forged-header").awaitClose()).isEqualTo(4401);
	}

	@Test
	void aTokenOfAnotherIssuerOrAudienceIsRefusedWith4401() {
		String otherIssuer = ForeignTokens.sign(SECRET, newClientId(), "another-system", List.of(HmacTokens.AUDIENCE));
		String otherAudience = ForeignTokens.sign(SECRET, newClientId(), HmacTokens.ISSUER, List.of("another-service"));
		JsonClient client = open(null);
		client.send("{\"type\":\"Connect\",\"request_id\":\"c\",\"token\":\"" + otherIssuer + "\"}");
		assertThat(client.await("error", "c").path("code").asString()).isEqualTo("unauthorized");
		assertThat(client.awaitClose()).isEqualTo(4401);
		assertThat(open(otherAudience).awaitClose()).isEqualTo(4401);
	}

	@Test
	void noTokenInTimeClosesWith4401() {
		JsonClient client = open(null);
		assertThat(client.awaitClose()).isEqualTo(4401);
		assertThat(client.frames()).singleElement()
			.satisfies((frame) -> assertThat(frame.path("code").asString()).isEqualTo("unauthorized"));
	}

	@Test
	void anExpiringTokenClosesTheSession() {
		JsonClient client = open(this.tokens.issue(newClientId(), Duration.ofSeconds(2)).value());
		client.await((frame) -> "connected".equals(frame.path("type").asString()));
		assertThat(client.awaitClose()).isEqualTo(4401);
		assertThat(client.frames()).anySatisfy((frame) -> {
			assertThat(frame.path("code").asString()).isEqualTo("unauthorized");
			assertThat(frame.path("message").asString()).isEqualTo("token expired");
		});
	}

	@Test
	void aRefreshedTokenKeepsTheSessionPastItsFirstExpiry() {
		String alice = newClientId();
		JsonClient client = open(this.tokens.issue(alice, Duration.ofSeconds(3)).value());
		client.await((frame) -> "connected".equals(frame.path("type").asString()));
		client.send("{\"type\":\"Refresh\",\"request_id\":\"r\"}");
		assertThat(client.await("error", "r").path("code").asString()).isEqualTo("missing_field");
		client.send("{\"type\":\"Refresh\",\"request_id\":\"r2\",\"token\":\"" + token(alice) + "\"}");
		JsonNode refreshed = client.await("response", "r2");
		assertThat(refreshed.path("refreshed").asBoolean()).isTrue();
		assertThat(refreshed.path("expires_at").asLong())
			.isGreaterThan(System.currentTimeMillis() + Duration.ofMinutes(5).toMillis());
		await().pollDelay(Duration.ofSeconds(4)).atMost(timeout()).until(() -> !client.isClosed());
		publish("client." + alice, "{\"still\":\"here\"}", "still-" + UUID.randomUUID());
		assertThat(client.await((frame) -> "message".equals(frame.path("type").asString()))
			.path("data")
			.path("still")
			.asString()).isEqualTo("here");

		// Another client's token ends the session: 1008, after an error that says why.
		client.send("{\"type\":\"Refresh\",\"request_id\":\"r3\",\"token\":\"" + token(newClientId()) + "\"}");
		assertThat(client.await("error", "r3").path("code").asString()).isEqualTo("forbidden");
		assertThat(client.awaitClose()).isEqualTo(1008);
	}

	@Test
	void aTopicMessageReachesStompAndJsonSubscribersAlike() {
		String topic = topic();
		Inbox stomp = connectedOnEdge().subscribe("/topic/" + topic);
		JsonClient json = connectedJson(newClientId());
		json.send("{\"type\":\"Subscribe\",\"request_id\":\"s\",\"topic\":\"" + topic + "\"}");
		json.await("response", "s");
		publish("topic." + topic, "{\"both\":true}", "both");
		json.await((frame) -> "both".equals(frame.path("id").asString()));
		await().atMost(timeout()).until(() -> stomp.texts().contains("{\"both\":true}"));
	}

	@Test
	void noTopicStringReachesAnotherClientsMessages() {
		String bob = newClientId();
		JsonClient alice = connectedJson(newClientId());
		String[] topics = { "client." + bob, "broadcast", "topic.x", "#", "*", "client.*", "/user/queue/data",
				"../" + bob, "client." + bob + ".#" };
		for (int i = 0; i < topics.length; i++) {
			alice.send("{\"type\":\"Subscribe\",\"request_id\":\"t" + i + "\",\"topic\":\"" + topics[i] + "\"}");
		}
		for (int i = 0; i < topics.length; i++) {
			String requestId = "t" + i;
			alice.await((frame) -> requestId.equals(frame.path("request_id").asString()));
		}
		JsonClient bobClient = connectedJson(bob);
		publish("client." + bob, "{\"secret\":1}", "for-bob");
		bobClient.await((frame) -> "for-bob".equals(frame.path("id").asString()));
		publish("broadcast", "{\"all\":1}", "all");
		alice.await((frame) -> "all".equals(frame.path("id").asString()));
		assertThat(alice.messages()).extracting((frame) -> frame.path("id").asString()).containsExactly("all");
	}

	@Test
	void bodiesThatAreNotJsonArriveAsStrings() {
		String alice = newClientId();
		JsonClient client = connectedJson(alice);
		publish("client." + alice, "hello".getBytes(StandardCharsets.UTF_8), "text/plain", "plain");
		publish("client." + alice, "{broken".getBytes(StandardCharsets.UTF_8), "application/json", "broken");
		publish("client." + alice, new byte[] { 'a', (byte) 0xff, 'b' }, "application/octet-stream", "binary");
		// Each send may take its own channel: wait for all three, not for the last one.
		await().atMost(timeout()).until(() -> client.messages().size() == 3);
		assertThat(client.messages()).extracting((frame) -> frame.path("data").asString())
			.containsExactlyInAnyOrder("hello", "{broken", "a\ufffdb");
	}

	private JsonClient open(String token) {
		JsonClient client = JsonClient.open(this.edge.port(), "/ws/json", token);
		this.clients.add(client);
		return client;
	}

	private JsonClient connectedJson(String clientId) {
		JsonClient client = open(token(clientId));
		client.await((frame) -> "connected".equals(frame.path("type").asString()));
		return client;
	}

	private StompProbe connectedOnEdge() {
		return connected(newClientId());
	}

	@Override
	protected boolean onEdge() {
		return true;
	}

	private static String topic() {
		return "json-" + ThreadLocalRandom.current().nextInt(1_000_000);
	}

}
