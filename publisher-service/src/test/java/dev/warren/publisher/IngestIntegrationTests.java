package dev.warren.publisher;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.common.WarrenNames;
import dev.warren.testsupport.RealServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class IngestIntegrationTests extends IntegrationTestSupport {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final String id = UUID.randomUUID().toString().substring(0, 8);

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	AmqpAdmin admin;

	@Autowired
	CachingConnectionFactory connectionFactory;

	@Autowired
	WarrenAmqpProperties names;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void defaultChannelConsumes() {
		assertThat(this.http.getForEntity("/v1/create-rabbit-ch", Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
		await().atMost(WAIT).untilAsserted(() -> assertThat(state("default")).isEqualTo("consuming"));
	}

	@Test
	void stampsAndRepublishesWithBodyAndContentTypeUnchanged() throws Exception {
		String client = "it-" + this.id;
		try (DeliveryProbe probe = DeliveryProbe.open(this.connectionFactory, this.names.deliveriesExchange(),
				"client." + client, "topic.t-" + this.id)) {
			MessageProperties properties = new MessageProperties();
			properties.setContentType("application/json");
			properties.setHeader("trace", "t-1");
			long before = System.currentTimeMillis();
			this.rabbit.send(this.names.ingestExchange(), "client." + client,
					new Message("{\"n\":1}".getBytes(StandardCharsets.UTF_8), properties));
			// No content type at all stays without one.
			this.rabbit.execute((channel) -> {
				channel.basicPublish(this.names.ingestExchange(), "topic.t-" + this.id, null,
						"raw".getBytes(StandardCharsets.UTF_8));
				return null;
			});
			await().atMost(WAIT).untilAsserted(() -> assertThat(probe.received()).hasSize(2));
			List<DeliveryProbe.Received> received = probe.received();
			DeliveryProbe.Received json = received.stream()
				.filter((m) -> m.routingKey().equals("client." + client))
				.findFirst()
				.orElseThrow();
			assertThat(json.text()).isEqualTo("{\"n\":1}");
			assertThat(json.properties().getContentType()).isEqualTo("application/json");
			assertThat(json.header(WarrenNames.ID_HEADER)).isNotNull().asString().isNotBlank();
			assertThat(json.header(WarrenNames.PUBLISHED_AT_HEADER)).isInstanceOf(Long.class);
			assertThat((Long) json.header(WarrenNames.PUBLISHED_AT_HEADER)).isBetween(before,
					System.currentTimeMillis());
			assertThat(json.header(WarrenNames.DESTINATION_HEADER)).asString().isEqualTo("/user/queue/data");
			assertThat(json.header("trace")).asString().isEqualTo("t-1");
			DeliveryProbe.Received raw = received.stream()
				.filter((m) -> m.routingKey().equals("topic.t-" + this.id))
				.findFirst()
				.orElseThrow();
			assertThat(raw.text()).isEqualTo("raw");
			assertThat(raw.properties().getContentType()).isNull();
			assertThat(raw.header(WarrenNames.DESTINATION_HEADER)).asString().isEqualTo("/topic/t-" + this.id);
			assertThat(raw.header(WarrenNames.ID_HEADER)).isNotEqualTo(json.header(WarrenNames.ID_HEADER));
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void invalidKeyIsDeadLetteredOnceAndNotRepublished() throws Exception {
		double before = deadLettered();
		Instant started = Instant.now().minusSeconds(1);
		String marker = "dead-" + this.id;
		try (DeliveryProbe probe = DeliveryProbe.open(this.connectionFactory, this.names.deliveriesExchange(), "#")) {
			this.rabbit.send(this.names.ingestExchange(), "client.bad key",
					new Message(marker.getBytes(StandardCharsets.UTF_8), new MessageProperties()));
			Message dead = await().atMost(WAIT)
				.until(() -> this.rabbit.receive(this.names.deadLetterQueue(), 500),
						(m) -> m != null && marker.equals(new String(m.getBody(), StandardCharsets.UTF_8)));
			Map<String, Object> headers = dead.getMessageProperties().getHeaders();
			assertThat(headers.get(WarrenNames.REASON_HEADER)).asString().contains("invalid client name");
			assertThat(headers).containsEntry(WarrenNames.ORIGINAL_ROUTING_KEY_HEADER, "client.bad key")
				.containsEntry(WarrenNames.ORIGINAL_QUEUE_HEADER, this.names.ingestQueue());
			await().atMost(WAIT).untilAsserted(() -> assertThat(deadLettered()).isEqualTo(before + 1));
			await().during(Duration.ofSeconds(1))
				.atMost(Duration.ofSeconds(3))
				.until(() -> probe.received().stream().noneMatch((m) -> m.text().equals(marker)));
			// Dead-lettered once: nothing of it is left on the ingest queue to come back.
			assertThat(this.rabbit.receive(this.names.deadLetterQueue(), 200)).isNull();
		}
		// And recorded as a warning of publisher-service's own.
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(
					this.http.getForObject("/v1/monitoring/warnings?node=publisher-service&from=" + started, Map.class)
						.get("items"))
				.asInstanceOf(InstanceOfAssertFactories.LIST)
				.anySatisfy((item) -> assertThat((Map<String, Object>) item).containsEntry("kind", "dead-letter")
					.extractingByKey("detail")
					.asString()
					.contains("'client.bad key'", "invalid client name")));
	}

	@Test
	void textThatIsNotUtf8IsDeadLetteredAndBinaryIsNot() throws Exception {
		double before = deadLettered("body-not-utf8");
		byte[] latin1 = ("caf\u00e9-" + this.id).getBytes(StandardCharsets.ISO_8859_1);
		try (DeliveryProbe probe = DeliveryProbe.open(this.connectionFactory, this.names.deliveriesExchange(), "#")) {
			MessageProperties text = new MessageProperties();
			text.setContentType("text/plain");
			this.rabbit.send(this.names.ingestExchange(), "client.c-" + this.id, new Message(latin1, text));
			Message dead = await().atMost(WAIT)
				.until(() -> this.rabbit.receive(this.names.deadLetterQueue(), 500),
						(m) -> m != null && Arrays.equals(latin1, m.getBody()));
			assertThat(dead.getMessageProperties().getHeaders().get(WarrenNames.REASON_HEADER)).asString()
				.contains("not valid UTF-8");
			await().atMost(WAIT).untilAsserted(() -> assertThat(deadLettered("body-not-utf8")).isEqualTo(before + 1));

			MessageProperties binary = new MessageProperties();
			binary.setContentType("application/octet-stream");
			this.rabbit.send(this.names.ingestExchange(), "client.c-" + this.id, new Message(latin1, binary));
			await().atMost(WAIT)
				.until(() -> probe.received().stream().anyMatch((m) -> Arrays.equals(latin1, m.body())));
		}
	}

	@Test
	void burstArrivesInOrderAndNothingStaysUnacked() throws Exception {
		int count = 5_000;
		String exchange = this.names.ingestExchange() + ".burst-" + this.id;
		String queue = "warren.test." + RealServices.RUN_ID + ".burst-" + this.id;
		String key = "topic.burst-" + this.id;
		this.admin.declareExchange(new TopicExchange(exchange, false, true));
		double requeuedBefore = this.meters.get("warren.ingest.requeued").counter().count();
		try (DeliveryProbe probe = DeliveryProbe.open(this.connectionFactory, this.names.deliveriesExchange(), key)) {
			createChannel("burst-" + this.id, queue, exchange);
			this.rabbit.invoke((operations) -> {
				MessageProperties properties = new MessageProperties();
				properties.setContentType("text/plain");
				for (int i = 0; i < count; i++) {
					operations.send(exchange, key,
							new Message(Integer.toString(i).getBytes(StandardCharsets.UTF_8), properties));
				}
				operations.waitForConfirmsOrDie(30_000);
				return null;
			});
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(probe.received()).hasSize(count));
			List<DeliveryProbe.Received> received = probe.received();
			for (int i = 0; i < count; i++) {
				assertThat(received.get(i).text()).isEqualTo(Integer.toString(i));
			}
			assertThat(this.meters.get("warren.ingest.requeued").counter().count()).isEqualTo(requeuedBefore);
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(channel("burst-" + this.id).getBody()).containsEntry("inFlight", 0));
			// Stopping the consumer hands back whatever it held unacked: there must be
			// none.
			this.http.delete("/v1/rabbit-channels/burst-" + this.id);
			await().atMost(WAIT).untilAsserted(() -> {
				var info = this.admin.getQueueInfo(queue);
				assertThat(info.getConsumerCount()).isZero();
				assertThat(info.getMessageCount()).isZero();
			});
		}
		finally {
			this.http.delete("/v1/rabbit-channels/burst-" + this.id);
			this.admin.deleteQueue(queue);
			this.admin.deleteExchange(exchange);
		}
	}

	@Test
	void deletedQueueDoesNotStopAnotherChannel() throws Exception {
		String exchange = this.names.ingestExchange() + ".pair-" + this.id;
		String lostQueue = "warren.test." + RealServices.RUN_ID + ".lost-" + this.id;
		String liveQueue = "warren.test." + RealServices.RUN_ID + ".live-" + this.id;
		this.admin.declareExchange(new TopicExchange(exchange, false, true));
		try (DeliveryProbe probe = DeliveryProbe.open(this.connectionFactory, this.names.deliveriesExchange(),
				"topic.live-" + this.id)) {
			createChannel("lost-" + this.id, lostQueue, exchange);
			createChannel("live-" + this.id, liveQueue, exchange);
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(state("lost-" + this.id)).isEqualTo("consuming");
				assertThat(state("live-" + this.id)).isEqualTo("consuming");
			});
			this.admin.deleteQueue(lostQueue);
			await().atMost(WAIT).untilAsserted(() -> {
				Map<String, Object> lost = channel("lost-" + this.id).getBody();
				assertThat(lost).containsEntry("state", "recovering");
				assertThat(lost.get("lastFailure")).asString().contains("not found");
			});
			assertThat(state("live-" + this.id)).isEqualTo("consuming");
			this.rabbit.send(exchange, "topic.live-" + this.id,
					new Message("still".getBytes(StandardCharsets.UTF_8), new MessageProperties()));
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(probe.received()).singleElement()
					.satisfies((m) -> assertThat(m.text()).isEqualTo("still")));
			// Once the queue is back the channel consumes it again.
			this.admin.declareQueue(new Queue(lostQueue, true, false, false));
			await().atMost(WAIT).untilAsserted(() -> assertThat(state("lost-" + this.id)).isEqualTo("consuming"));
		}
		finally {
			this.http.delete("/v1/rabbit-channels/lost-" + this.id);
			this.http.delete("/v1/rabbit-channels/live-" + this.id);
			this.admin.deleteQueue(lostQueue);
			this.admin.deleteQueue(liveQueue);
			this.admin.deleteExchange(exchange);
		}
	}

	@Test
	void testModeEndpointPublishesThroughTheWholePath() throws Exception {
		String client = "tm-" + this.id;
		try (DeliveryProbe probe = DeliveryProbe.open(this.connectionFactory, this.names.deliveriesExchange(),
				"client." + client)) {
			ResponseEntity<Map> response = this.http
				.getForEntity("/v1/publish-data-over-ch?count=25&clientId=" + client, Map.class);
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
			assertThat(response.getBody()).containsEntry("published", 25)
				.containsEntry("routingKey", "client." + client);
			await().atMost(WAIT).untilAsserted(() -> assertThat(probe.received()).hasSize(25));
			List<DeliveryProbe.Received> received = probe.received();
			for (int i = 0; i < 25; i++) {
				assertThat(received.get(i).text()).contains("\"seq\":" + (i + 1), "\"symbol\"", "\"price\"");
				assertThat(received.get(i).properties().getContentType()).isEqualTo("application/json");
			}
		}
		assertThat(this.http.getForEntity("/v1/publish-data-over-ch?count=10001", Map.class).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(this.http.getForEntity("/v1/publish-data-over-ch?clientId=bad%20id", Map.class).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		ResponseEntity<Map> topic = this.http.getForEntity("/v1/publish-data-over-ch?count=1&topic=prices", Map.class);
		assertThat(topic.getBody()).containsEntry("routingKey", "topic.prices");
		ResponseEntity<Map> broadcast = this.http.getForEntity("/v1/publish-data-over-ch?count=1", Map.class);
		assertThat(broadcast.getBody()).containsEntry("routingKey", "broadcast");
	}

	private void createChannel(String name, String queue, String exchange) {
		ResponseEntity<Map> created = this.http.postForEntity("/v1/rabbit-channels",
				Map.of("name", name, "queue", queue, "exchange", exchange), Map.class);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
	}

	private ResponseEntity<Map> channel(String name) {
		return this.http.getForEntity("/v1/rabbit-channels/" + name, Map.class);
	}

	private String state(String name) {
		return (String) channel(name).getBody().get("state");
	}

	private double deadLettered() {
		return deadLettered("invalid-routing-key");
	}

	private double deadLettered(String reason) {
		return this.meters.get("warren.ingest.dead.lettered").tag("reason", reason).counter().count();
	}

}
