package dev.warren.publisher.channel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.publisher.DeliveryProbe;
import dev.warren.publisher.IntegrationTestSupport;
import dev.warren.testsupport.RealServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RabbitChannelIntegrationTests extends IntegrationTestSupport {

	private final String id = UUID.randomUUID().toString().substring(0, 8);

	private final String queue = "warren.test." + RealServices.RUN_ID + ".channel-" + this.id;

	@Autowired
	WarrenAmqpProperties names;

	@Autowired
	AmqpAdmin admin;

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	CachingConnectionFactory connectionFactory;

	@Autowired
	RabbitChannelRepository repository;

	@Autowired
	RabbitChannelResumer resumer;

	@Autowired
	RabbitChannelTopology topology;

	@AfterEach
	void deleteQueue() {
		this.http.delete("/v1/rabbit-channels/c-" + this.id);
		this.admin.deleteQueue(this.queue);
	}

	@Test
	void createListGetDelete() {
		String name = "c-" + this.id;
		ResponseEntity<Map> created = this.http.postForEntity("/v1/rabbit-channels",
				Map.of("name", name, "queue", this.queue, "bindingKey", "topic.c-" + this.id), Map.class);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(created.getHeaders().getLocation()).hasPath("/v1/rabbit-channels/" + name);
		assertThat(created.getBody()).containsEntry("name", name)
			.containsEntry("queue", this.queue)
			.containsEntry("exchange", this.names.ingestExchange())
			.containsEntry("bindingKey", "topic.c-" + this.id);

		ResponseEntity<Map> duplicate = this.http.postForEntity("/v1/rabbit-channels",
				Map.of("name", name, "queue", this.queue), Map.class);
		assertThat(duplicate.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(duplicate.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(channel(name).getBody()).containsEntry("state", "consuming"));
		ResponseEntity<List> list = this.http.getForEntity("/v1/rabbit-channels", List.class);
		assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat((List<Map<String, Object>>) list.getBody()).anySatisfy((channel) -> {
			assertThat(channel).containsEntry("name", name).containsEntry("state", "consuming");
		});
		assertThat(this.admin.getQueueInfo(this.queue).getConsumerCount()).isEqualTo(1);

		assertThat(delete(name).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		ResponseEntity<Map> gone = channel(name);
		assertThat(gone.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(gone.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(gone.getBody()).containsEntry("channel", name);
		assertThat(delete(name).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.admin.getQueueInfo(this.queue).getConsumerCount()).isZero());
	}

	@Test
	void invalidRequestsAreNamed() {
		ResponseEntity<Map> response = this.http.postForEntity("/v1/rabbit-channels",
				Map.of("name", "bad name", "queue", "amq.reserved"), Map.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat((Map<String, Object>) response.getBody().get("errors")).containsKeys("name", "queue");
	}

	@Test
	void warrensOwnQueuesAndTheDeliveriesExchangeAreRefused() {
		String name = "c-" + this.id;
		// Each request and the field it is refused for.
		List<Map.Entry<Map<String, String>, String>> refused = List.of(
				Map.entry(Map.of("name", name, "queue", this.names.deadLetterQueue()), "queue"),
				Map.entry(Map.of("name", name, "queue", this.names.ingestQueue()), "queue"),
				Map.entry(Map.of("name", name, "queue", this.names.nodeQueuePrefix() + "some-node"), "queue"),
				Map.entry(Map.of("name", name, "queue", this.queue, "exchange", this.names.deliveriesExchange(),
						"bindingKey", "#"), "exchange"));
		for (Map.Entry<Map<String, String>, String> request : refused) {
			ResponseEntity<Map> response = this.http.postForEntity("/v1/rabbit-channels", request.getKey(), Map.class);
			assertThat(response.getStatusCode()).as("%s", request).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat((Map<String, Object>) response.getBody().get("errors")).as("%s", request)
				.containsOnlyKeys(request.getValue());
		}
		assertThat(channel(name).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		// Refused before anything was declared: no queue bound to the deliveries
		// exchange.
		assertThat(this.admin.getQueueProperties(this.queue)).isNull();
	}

	@Test
	void missingExchangeIsABadRequest() {
		ResponseEntity<Map> response = this.http.postForEntity("/v1/rabbit-channels", Map.of("name", "c-" + this.id,
				"queue", this.queue, "exchange", "warren.test.no-such-exchange-" + this.id), Map.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat((Map<String, Object>) response.getBody().get("errors")).containsKey("exchange");
		assertThat(channel("c-" + this.id).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void defaultChannelIsIdempotent() {
		ResponseEntity<Map> first = this.http.getForEntity("/v1/create-rabbit-ch", Map.class);
		ResponseEntity<Map> second = this.http.getForEntity("/v1/create-rabbit-ch", Map.class);
		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(second.getBody()).containsEntry("name", "default")
			.containsEntry("queue", this.names.ingestQueue())
			.containsEntry("exchange", this.names.ingestExchange())
			.containsEntry("bindingKey", "#")
			.containsEntry("createdAt", first.getBody().get("createdAt"));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(channel("default").getBody()).containsEntry("state", "consuming"));
	}

	@Test
	void storedChannelsAreResumed() throws Exception {
		String name = "c-" + this.id;
		String exchange = this.names.ingestExchange() + ".resume-" + this.id;
		this.admin.declareExchange(new TopicExchange(exchange, false, true));
		// As a previous run of the service left it: stored, not yet declared or consumed.
		this.repository.saveAndFlush(new RabbitChannel(name, this.queue, exchange, "#", Instant.now()));
		assertThat(channel(name).getBody()).containsEntry("state", "stopped");
		this.resumer.run(null);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(channel(name).getBody()).containsEntry("state", "consuming"));
		try (DeliveryProbe probe = DeliveryProbe.open(this.connectionFactory, this.names.deliveriesExchange(),
				"topic.resumed-" + this.id)) {
			MessageProperties properties = new MessageProperties();
			properties.setContentType("text/plain");
			this.rabbit.send(exchange, "topic.resumed-" + this.id,
					new Message("resumed".getBytes(StandardCharsets.UTF_8), properties));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(probe.received()).singleElement()
					.satisfies((m) -> assertThat(m.text()).isEqualTo("resumed")));
		}
		finally {
			this.admin.deleteExchange(exchange);
		}
	}

	@Test
	void aChannelOnTheIngestExchangeTakesOnlyTheKeysItIsBoundWith() {
		// Declared, not consumed, so the queue shows what the broker routed to it.
		this.topology.declare(new RabbitChannel("c-" + this.id, this.queue, this.names.ingestExchange(),
				"topic.routed-" + this.id + ".#", Instant.now()));
		MessageProperties properties = new MessageProperties();
		properties.setContentType("text/plain");
		for (String key : List.of("topic.routed-" + this.id + ".a", "topic.other-" + this.id,
				"client.routed-" + this.id, "topic.routed-" + this.id + ".b")) {
			this.rabbit.send(this.names.ingestExchange(), key,
					new Message(key.getBytes(StandardCharsets.UTF_8), properties));
		}
		List<String> keys = new ArrayList<>();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Message message = this.rabbit.receive(this.queue, 100);
			if (message != null) {
				keys.add(message.getMessageProperties().getReceivedRoutingKey());
			}
			assertThat(keys).containsExactly("topic.routed-" + this.id + ".a", "topic.routed-" + this.id + ".b");
		});
		assertThat(this.rabbit.receive(this.queue, 200)).isNull();
	}

	private ResponseEntity<Map> channel(String name) {
		return this.http.getForEntity("/v1/rabbit-channels/" + name, Map.class);
	}

	private ResponseEntity<Map> delete(String name) {
		return this.http.exchange("/v1/rabbit-channels/" + name, HttpMethod.DELETE, null, Map.class);
	}

}
