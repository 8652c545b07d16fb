package dev.warren.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import dev.warren.e2e.faults.StalledReader;
import dev.warren.testsupport.RealServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The monitoring tables fed by real processes: a node closes a client that stopped
 * reading and reports it, publisher-service dead-letters a message with a bad key, and
 * both show up in {@code GET /v1/monitoring/warnings}; the node's periods (5 s here) show
 * up in {@code GET /v1/monitoring/performance} with the messages it took in and handed
 * out.
 */
class MonitoringEndToEndTests {

	private static final String SECRET = "monitoring-" + UUID.randomUUID() + "-" + UUID.randomUUID();

	private static final String ADMIN_TOKEN = "monitoring-admin-" + UUID.randomUUID() + "-" + UUID.randomUUID();

	@Test
	void aSlowConsumerADeadLetterAndTheNodesPeriodsAreRecorded(@TempDir Path workDir) {
		Map<String, String> publisherEnv = ExternalMode.publisher(SECRET, ADMIN_TOKEN);
		publisherEnv.put("WARREN_MONITORING_SAMPLE_INTERVAL", "5s");
		Map<String, String> nodeEnv = ExternalMode.node(SECRET);
		// A small bound, so the stalled client is closed after a few megabytes.
		nodeEnv.put("WARREN_SOCKET_MAX_QUEUED_BYTES", "256KB");
		RealServices.RabbitEndpoint rabbit = RealServices.rabbit();
		CachingConnectionFactory connections = new CachingConnectionFactory(rabbit.connectionFactory());
		try (WarrenProcess publisher = WarrenProcess.start("monitoring-publisher", "warren.publisher.jar",
				workDir.resolve("publisher"), publisherEnv, List.of(), WarrenProcess.freePort());
				WarrenProcess node = WarrenProcess.start("monitoring-socket", "warren.socket.jar",
						workDir.resolve("socket"), nodeEnv, List.of(), WarrenProcess.freePort())) {
			PublisherApi api = new PublisherApi(publisher.baseUrl(), ADMIN_TOKEN);
			assertThat(api.get("/v1/create-rabbit-ch").status()).isEqualTo(200);
			PublisherApi.Registered slow = api.register("Sloane", "slow-" + UUID.randomUUID() + "@example.test",
					"password-slow");
			RabbitTemplate producer = new RabbitTemplate(connections);
			String ingest = RealServices.amqpNames().ingestExchange();
			try (StalledReader reader = StalledReader.subscribe(node.edgeUrl(), slow.token(), "/user/queue/data")) {
				byte[] body = new byte[8 * 1024];
				Arrays.fill(body, (byte) 'x');
				body[0] = '"';
				body[body.length - 1] = '"';
				MessageProperties properties = new MessageProperties();
				properties.setContentType("application/json");
				for (int i = 0; i < 3_000; i++) {
					producer.send(ingest, "client." + slow.clientId(), new Message(body, properties));
				}
				producer.send(ingest, "client.bad key", new Message("{}".getBytes(StandardCharsets.UTF_8), properties));

				await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
					JsonNode warnings = api.get("/v1/monitoring/warnings?size=500").body().path("items");
					assertThat(warnings.valueStream()).anySatisfy((warning) -> {
						assertThat(warning.path("kind").asString()).isEqualTo("slow-consumer");
						assertThat(warning.path("clientId").asString()).isEqualTo(slow.clientId());
					});
					assertThat(warnings.valueStream()).anySatisfy((warning) -> {
						assertThat(warning.path("kind").asString()).isEqualTo("dead-letter");
						assertThat(warning.path("node").asString()).isEqualTo("publisher-service");
						assertThat(warning.path("detail").asString()).contains("'client.bad key'");
					});
				});
			}
			String nodeId = api.get("/v1/nodes").body().get(0).path("node").asString();
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				JsonNode samples = api.get("/v1/monitoring/performance?node=" + nodeId).body().path("items");
				assertThat(samples.valueStream().mapToLong((sample) -> sample.path("messagesIn").asLong()).sum())
					.isPositive();
				assertThat(samples.valueStream())
					.allSatisfy((sample) -> assertThat(sample.path("periodSeconds").asInt()).isEqualTo(5));
			});
		}
		finally {
			connections.destroy();
		}
	}

}
