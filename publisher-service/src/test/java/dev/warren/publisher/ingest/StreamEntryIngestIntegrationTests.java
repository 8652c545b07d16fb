package dev.warren.publisher.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.common.WarrenNames;
import dev.warren.common.history.StreamEntry;
import dev.warren.publisher.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With the history in a RabbitMQ stream, ingest packs the deliveries it has ready into
 * stream entries: every message arrives once, in order, stamped, and several share an
 * entry. The long linger makes a burst share entries on any machine.
 */
@TestPropertySource(properties = { "warren.history.store=stream", "warren.ingest.entry-linger=200ms" })
class StreamEntryIngestIntegrationTests extends IntegrationTestSupport {

	private static final int MESSAGES = 40;

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	CachingConnectionFactory connectionFactory;

	@Autowired
	WarrenAmqpProperties names;

	@BeforeEach
	void defaultChannelConsumes() {
		assertThat(this.http.getForEntity("/v1/create-rabbit-ch", Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> "consuming"
				.equals(this.http.getForEntity("/v1/rabbit-channels/default", Map.class).getBody().get("state")));
	}

	@Test
	void aBurstArrivesInTheStreamOnceInOrderAndSharingEntries() throws Exception {
		String client = "entry-" + UUID.randomUUID().toString().substring(0, 8);
		List<String> bodies = new ArrayList<>();
		List<Integer> counts = new ArrayList<>();
		try (Connection connection = this.connectionFactory.getRabbitConnectionFactory().newConnection()) {
			Channel channel = connection.createChannel();
			channel.basicQos(100);
			channel.basicConsume(this.names.historyStream(), false, Map.of("x-stream-offset", "first"),
					new DefaultConsumer(channel) {
						@Override
						public void handleDelivery(String consumerTag, Envelope envelope,
								AMQP.BasicProperties properties, byte[] body) throws java.io.IOException {
							int count = StreamEntry.count(properties.getHeaders());
							List<String> ours = new ArrayList<>();
							if (count > 0) {
								StreamEntry.read(body, count, (index, routingKey, contentType, headers, payload) -> {
									if (routingKey.equals("client." + client)) {
										assertThat(headers).containsKeys(WarrenNames.ID_HEADER,
												WarrenNames.PUBLISHED_AT_HEADER);
										assertThat(contentType).isEqualTo("application/json");
										ours.add(new String(payload, StandardCharsets.UTF_8));
									}
								});
							}
							synchronized (bodies) {
								bodies.addAll(ours);
								if (!ours.isEmpty()) {
									counts.add(ours.size());
								}
							}
							channel.basicAck(envelope.getDeliveryTag(), false);
						}
					});
			this.rabbit.invoke((operations) -> {
				for (int n = 0; n < MESSAGES; n++) {
					MessageProperties properties = new MessageProperties();
					properties.setContentType("application/json");
					operations.send(this.names.ingestExchange(), "client." + client,
							new Message(("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8), properties));
				}
				return null;
			});
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				synchronized (bodies) {
					return bodies.size() >= MESSAGES;
				}
			});
			Thread.sleep(500);
		}
		List<String> expected = new ArrayList<>();
		for (int n = 0; n < MESSAGES; n++) {
			expected.add("{\"n\":" + n + "}");
		}
		synchronized (bodies) {
			assertThat(bodies).containsExactlyElementsOf(expected);
			assertThat(counts).as("deliveries per entry").hasSizeLessThan(MESSAGES);
		}
	}

}
