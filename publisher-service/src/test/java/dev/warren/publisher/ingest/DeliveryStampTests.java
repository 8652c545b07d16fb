package dev.warren.publisher.ingest;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.impl.LongStringHelper;
import org.junit.jupiter.api.Test;

import dev.warren.common.RoutingKey;
import dev.warren.common.WarrenNames;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryStampTests {

	private final DeliveryStamp stamp = new DeliveryStamp("p-");

	private final AMQP.BasicProperties original = new AMQP.BasicProperties.Builder().contentType("application/json")
		.contentEncoding("utf-8")
		.headers(Map.of("trace", "abc"))
		.deliveryMode(2)
		.messageId("m-1")
		.correlationId("c-1")
		.userId("guest")
		.build();

	@Test
	void addsTheThreeHeadersWithTheirTypes() {
		AMQP.BasicProperties stamped = this.stamp.delivery(this.original, RoutingKey.topic("prices"), 1234L);
		Map<String, Object> headers = stamped.getHeaders();
		assertThat(headers.get(WarrenNames.ID_HEADER)).isInstanceOf(String.class).isEqualTo("p-1");
		assertThat(headers.get(WarrenNames.PUBLISHED_AT_HEADER)).isInstanceOf(Long.class).isEqualTo(1234L);
		assertThat(headers.get(WarrenNames.DESTINATION_HEADER)).isEqualTo("/topic/prices");
		assertThat(headers).containsEntry("trace", "abc");
	}

	@Test
	void keepsAValidIdTheProducerSetAndReplacesAnInvalidOne() {
		AMQP.BasicProperties named = this.original.builder()
			.headers(Map.of(WarrenNames.ID_HEADER, LongStringHelper.asLongString("h-42")))
			.build();
		assertThat(this.stamp.delivery(named, RoutingKey.broadcast(), 1L).getHeaders().get(WarrenNames.ID_HEADER))
			.isInstanceOf(String.class)
			.isEqualTo("h-42");
		for (String bad : new String[] { "", "a b", "x".repeat(129), "ü" }) {
			AMQP.BasicProperties invalid = this.original.builder().headers(Map.of(WarrenNames.ID_HEADER, bad)).build();
			assertThat(this.stamp.delivery(invalid, RoutingKey.broadcast(), 1L).getHeaders().get(WarrenNames.ID_HEADER))
				.as("%s", bad)
				.asString()
				.startsWith("p-");
		}
	}

	@Test
	void privateDestinationForClientAndBroadcast() {
		assertThat(this.stamp.delivery(this.original, RoutingKey.client("c"), 1L).getHeaders())
			.containsEntry(WarrenNames.DESTINATION_HEADER, "/user/queue/data");
		assertThat(this.stamp.delivery(this.original, RoutingKey.broadcast(), 1L).getHeaders())
			.containsEntry(WarrenNames.DESTINATION_HEADER, "/user/queue/data");
	}

	@Test
	void keepsThePropertiesButTheUserId() {
		AMQP.BasicProperties stamped = this.stamp.delivery(this.original, RoutingKey.broadcast(), 1L);
		assertThat(stamped.getContentType()).isEqualTo("application/json");
		assertThat(stamped.getContentEncoding()).isEqualTo("utf-8");
		assertThat(stamped.getDeliveryMode()).isEqualTo(2);
		assertThat(stamped.getMessageId()).isEqualTo("m-1");
		assertThat(stamped.getCorrelationId()).isEqualTo("c-1");
		assertThat(stamped.getUserId()).isNull();
		assertThat(this.original.getHeaders()).doesNotContainKey(WarrenNames.ID_HEADER);
	}

	@Test
	void leavesAMissingContentTypeMissing() {
		AMQP.BasicProperties bare = new AMQP.BasicProperties.Builder().build();
		AMQP.BasicProperties stamped = this.stamp.delivery(bare, RoutingKey.broadcast(), 1L);
		assertThat(stamped.getContentType()).isNull();
		assertThat(stamped.getHeaders()).hasSize(3);
	}

	@Test
	void idsAreUniqueAcrossThreads() throws InterruptedException {
		Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
		Thread[] threads = new Thread[4];
		for (int t = 0; t < threads.length; t++) {
			threads[t] = new Thread(() -> {
				for (int i = 0; i < 10_000; i++) {
					ids.add(this.stamp.nextId());
				}
			});
			threads[t].start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(ids).hasSize(40_000);
	}

	@Test
	void processesGetDifferentPrefixes() {
		Set<String> first = new HashSet<>();
		for (int i = 0; i < 20; i++) {
			first.add(DeliveryStamp.withRandomPrefix().nextId());
		}
		assertThat(first).hasSize(20);
	}

	@Test
	void deadLetterHeadersSayWhy() {
		AMQP.BasicProperties rejected = DeliveryStamp.deadLetter(this.original, "client.bad key", "warren.ingest",
				"invalid client name");
		assertThat(rejected.getHeaders()).containsEntry(WarrenNames.REASON_HEADER, "invalid client name")
			.containsEntry(WarrenNames.ORIGINAL_ROUTING_KEY_HEADER, "client.bad key")
			.containsEntry(WarrenNames.ORIGINAL_QUEUE_HEADER, "warren.ingest")
			.containsEntry("trace", "abc");
		assertThat(rejected.getContentType()).isEqualTo("application/json");
		assertThat(rejected.getUserId()).isNull();
	}

}
