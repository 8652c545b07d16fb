package dev.warren.publisher.monitoring;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.publisher.IntegrationTestSupport;
import dev.warren.publisher.RawApi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Node announcements, as socket-server sends them, become performance samples per node
 * and period (2 s in the tests) and warnings, read back through the admin API from the
 * real database.
 */
@SuppressWarnings({ "rawtypes", "unchecked" })
class MonitoringIntegrationTests extends IntegrationTestSupport {

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	WarrenAmqpProperties names;

	@LocalServerPort
	int port;

	@Test
	void announcementsBecomeSamplesAndWarnings() throws Exception {
		String node = "node-" + UUID.randomUUID().toString().substring(0, 8);
		String started = Instant.now().toString();
		long at = System.currentTimeMillis();
		announce(node, started, 100, 200, 0, 5.5,
				"[{\"seq\":1,\"at\":" + at
						+ ",\"client\":\"c-1\",\"kind\":\"slow-consumer\",\"detail\":\"closed: 1,000 frames behind\"}]",
				0);
		Thread.sleep(300);
		// The same warning again, as a second publisher-service instance would record it
		// too: kept once.
		announce(node, started, 150, 260, 2, 7.0, "[{\"seq\":1,\"at\":" + at
				+ ",\"client\":\"c-1\",\"kind\":\"slow-consumer\",\"detail\":\"closed: 1,000 frames behind\"},"
				+ "{\"seq\":2,\"at\":" + at + ",\"client\":null,\"kind\":\"token-refused\",\"detail\":\"expired\"}]",
				3);

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			List<Map> samples = items("/v1/monitoring/performance?node=" + node);
			assertThat(samples).isNotEmpty();
			// The first announcement this instance hears is the base; the growth after it
			// is
			// what counts.
			assertThat(samples.stream().mapToLong((s) -> ((Number) s.get("messagesIn")).longValue()).sum())
				.isEqualTo(50);
			assertThat(samples.stream().mapToLong((s) -> ((Number) s.get("messagesOut")).longValue()).sum())
				.isEqualTo(60);
			assertThat(samples.stream().mapToLong((s) -> ((Number) s.get("dropped")).longValue()).sum()).isEqualTo(2);
			assertThat(samples.stream().mapToDouble((s) -> ((Number) s.get("p99LatencyMs")).doubleValue()).max())
				.hasValue(7.0);
			assertThat(samples.get(0)).containsEntry("connections", 4)
				.containsEntry("subscriptions", 9)
				.containsEntry("periodSeconds", 2);
		});
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			List<Map> warnings = items("/v1/monitoring/warnings?node=" + node);
			assertThat(warnings).extracting((w) -> w.get("kind"))
				.containsExactlyInAnyOrder("slow-consumer", "token-refused", "warnings-dropped");
			assertThat(warnings).filteredOn((w) -> "slow-consumer".equals(w.get("kind")))
				.singleElement()
				.satisfies((w) -> assertThat(w).containsEntry("clientId", "c-1")
					.containsEntry("detail", "closed: 1,000 frames behind"));
		});

		// Filtered by time: nothing of this node before it started.
		assertThat(items("/v1/monitoring/warnings?node=" + node + "&to=" + Instant.ofEpochMilli(at - 1000))).isEmpty();
	}

	@Test
	void theTablesAreForAdminsOnlyAndBadParametersAreProblems() throws Exception {
		RawApi api = new RawApi(this.port);
		assertThat(api.sendJson("GET", "/v1/monitoring/performance", null, null).statusCode()).isEqualTo(401);
		assertThat(this.http.getForEntity("/v1/monitoring/warnings?size=0", Map.class).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(this.http.getForEntity("/v1/monitoring/warnings?from=yesterday", Map.class).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		Map page = this.http.getForObject("/v1/monitoring/performance?size=1", Map.class);
		assertThat(page).containsKeys("items", "page", "size", "total");
	}

	private List<Map> items(String path) {
		return (List<Map>) this.http.getForObject(path, Map.class).get("items");
	}

	private void announce(String node, String startedAt, long in, long out, long dropped, double p99, String warnings,
			long warningsDropped) {
		String status = "{\"node\":\"" + node + "\",\"startedAt\":\"" + startedAt + "\",\"connections\":4,"
				+ "\"subscriptions\":9,\"topics\":{},\"messagesIn\":" + in + ",\"messagesOut\":" + out + ",\"dropped\":"
				+ dropped + ",\"p99Ms\":" + p99 + ",\"warnings\":" + warnings + ",\"warningsDropped\":"
				+ warningsDropped + "}";
		MessageProperties properties = new MessageProperties();
		properties.setContentType("application/json");
		this.rabbit.send(this.names.deliveriesExchange(), "control.node-status." + node,
				new Message(status.getBytes(StandardCharsets.UTF_8), properties));
	}

}
