package dev.warren.socket.publish;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.util.MimeTypeUtils;

import dev.warren.common.WarrenNames;
import dev.warren.socket.hub.Hub;
import dev.warren.socket.support.JsonClient;
import dev.warren.socket.support.SocketServerIntegrationTest;
import dev.warren.socket.support.StompProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients publishing to a topic open to client publishing, on STOMP (here the servlet
 * path; {@link EdgeClientPublishIntegrationTests} the edge) and JSON: what reaches the
 * ingest exchange carries the node's {@code warren-sender} and the {@code warren-id} the
 * answer names; a topic that is not open, a destination that is no topic, and a client
 * past its rate are refused.
 */
class ClientPublishIntegrationTests extends SocketServerIntegrationTest {

	private final String open = "open-" + UUID.randomUUID().toString().substring(0, 8);

	private final String closed = "closed-" + UUID.randomUUID().toString().substring(0, 8);

	private final List<JsonClient> clients = new ArrayList<>();

	@Autowired
	private Hub hub;

	private RabbitAdmin admin;

	private Queue ingested;

	@BeforeEach
	void ingestAndRules() {
		this.admin = new RabbitAdmin(this.rabbit);
		// As publisher-service declares it: a fanout, so this test's queue takes what the
		// node publishes while the test runs, whatever its key.
		FanoutExchange ingest = new FanoutExchange(this.amqp.ingestExchange(), true, false);
		this.admin.declareExchange(ingest);
		Queue queue = new AnonymousQueue();
		this.admin.declareQueue(queue);
		this.admin.declareBinding(BindingBuilder.bind(queue).to(ingest));
		this.ingested = queue;
		publish(WarrenNames.TOPIC_RULE_KEY, "{\"topic\":\"" + this.open
				+ "\",\"visibility\":\"public\",\"clientPublish\":true,\"version\":" + System.nanoTime() + "}", "rule");
		publish(WarrenNames.TOPIC_RULE_KEY, "{\"topic\":\"" + this.closed
				+ "\",\"visibility\":\"public\",\"clientPublish\":false,\"version\":" + System.nanoTime() + "}",
				"rule");
		// The rules reach the node on its own queue; a send before they arrive is
		// refused.
		await().atMost(timeout()).until(() -> this.hub.mayPublish(this.open, "anyone"));
	}

	@AfterEach
	void closeClients() {
		this.clients.forEach(JsonClient::close);
		this.admin.deleteQueue(this.ingested.getName());
	}

	@Test
	void aStompSendIsPublishedWithTheSenderAndAnsweredWithItsId() throws Exception {
		String alice = newClientId();
		StompProbe probe = connected(alice);
		String id = send(probe, "/app/topics/" + this.open, "{\"hello\":1}").get(15, TimeUnit.SECONDS);
		assertThat(id).startsWith("c-");
		Message message = this.rabbit.receive(this.ingested.getName(), 10_000);
		assertThat(message).isNotNull();
		assertThat(message.getMessageProperties().getReceivedRoutingKey()).isEqualTo("topic." + this.open);
		assertThat((Object) message.getMessageProperties().getHeader(WarrenNames.SENDER_HEADER)).isEqualTo(alice);
		assertThat((Object) message.getMessageProperties().getHeader(WarrenNames.ID_HEADER)).isEqualTo(id);
		assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"hello\":1}");
	}

	@Test
	void aTopicNotOpenToClientsAndADestinationThatIsNoTopicAreRefused() {
		StompProbe toClosed = connected(newClientId());
		send(toClosed, "/app/topics/" + this.closed, "{}");
		await().atMost(timeout()).until(() -> !toClosed.errors().isEmpty());
		assertThat(toClosed.errors().get(0).header("message"))
			.isEqualTo("Publishing is not allowed: /topic/" + this.closed);

		StompProbe toQueue = connected(newClientId());
		send(toQueue, "/queue/elsewhere", "{}");
		await().atMost(timeout()).until(() -> !toQueue.errors().isEmpty());
		assertThat(toQueue.errors().get(0).header("message")).isEqualTo("Sending is not allowed: /queue/elsewhere");
	}

	@Test
	void aClientPastItsRateIsRefused() {
		StompProbe probe = connected(newClientId());
		for (int i = 0; i < 15; i++) {
			send(probe, "/app/topics/" + this.open, "{\"n\":" + i + "}");
		}
		await().atMost(timeout()).until(() -> !probe.errors().isEmpty());
		assertThat(probe.errors().get(0).header("message")).isEqualTo("Too many messages");
	}

	@Test
	void aJsonPublishIsAnsweredWithItsIdAndARefusalKeepsTheConnection() {
		String bob = newClientId();
		JsonClient client = JsonClient.open(this.edge.port(), "/ws/json", token(bob));
		this.clients.add(client);
		client.await((frame) -> "connected".equals(frame.path("type").asString()));
		client.send("{\"type\":\"Publish\",\"request_id\":\"p1\",\"topic\":\"" + this.closed + "\",\"data\":{}}");
		assertThat(client.await("error", "p1").path("code").asString()).isEqualTo("forbidden");
		client.send("{\"type\":\"Publish\",\"request_id\":\"p2\",\"topic\":\"" + this.open + "\"}");
		assertThat(client.await("error", "p2").path("code").asString()).isEqualTo("missing_field");
		client.send(
				"{\"type\":\"Publish\",\"request_id\":\"p3\",\"topic\":\"" + this.open + "\",\"data\":{\"x\":[1,2]}}");
		JsonNode response = client.await("response", "p3");
		assertThat(response.path("published").asBoolean()).isTrue();
		Message message = this.rabbit.receive(this.ingested.getName(), 10_000);
		assertThat(message).isNotNull();
		assertThat((Object) message.getMessageProperties().getHeader(WarrenNames.ID_HEADER))
			.isEqualTo(response.path("id").asString());
		assertThat((Object) message.getMessageProperties().getHeader(WarrenNames.SENDER_HEADER)).isEqualTo(bob);
		assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"x\":[1,2]}");
		assertThat(message.getMessageProperties().getContentType()).isEqualTo("application/json");
	}

	/** Sends with a receipt; completes with the RECEIPT's {@code warren-id}. */
	private static CompletableFuture<String> send(StompProbe probe, String destination, String body) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
		headers.setReceipt(UUID.randomUUID().toString());
		CompletableFuture<String> id = new CompletableFuture<>();
		probe.session()
			.send(headers, body.getBytes(StandardCharsets.UTF_8))
			.addReceiptTask((receipt) -> id.complete(receipt.getFirst(WarrenNames.ID_HEADER)));
		return id;
	}

}
