package dev.warren.publisher.ingest;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.AMQP;

import dev.warren.common.ChannelName;
import dev.warren.common.RoutingKey;
import dev.warren.common.WarrenNames;
import dev.warren.common.history.StreamEntry;

/**
 * Stamps Warren's headers on a message and builds the properties it is republished with.
 * Everything the producer set is kept (body and {@code content_type} included), except
 * {@code user_id}: the broker checks it against the publishing user and would refuse the
 * republish.
 * <p>
 * Ids are unique without per-message randomness: a random prefix drawn once per process
 * and a counter.
 */
final class DeliveryStamp {

	private final String prefix;

	private final AtomicLong counter = new AtomicLong();

	DeliveryStamp(String prefix) {
		this.prefix = prefix;
	}

	/**
	 * A stamp with a random 64-bit prefix.
	 * @return the stamp
	 */
	static DeliveryStamp withRandomPrefix() {
		byte[] random = new byte[8];
		new SecureRandom().nextBytes(random);
		return new DeliveryStamp(HexFormat.of().formatHex(random) + "-");
	}

	/**
	 * The next unique id.
	 * @return the id
	 */
	String nextId() {
		return this.prefix + Long.toString(this.counter.incrementAndGet(), 36);
	}

	/**
	 * Properties of a delivery: the original ones plus {@code warren-id} (String; the
	 * producer's own when it set a valid one), {@code warren-published-at} (Long, epoch
	 * ms) and {@code warren-destination} (String).
	 * @param original the properties as received
	 * @param key the parsed routing key
	 * @param publishedAt when the publisher took the message, epoch ms
	 * @return the properties to republish with
	 */
	AMQP.BasicProperties delivery(AMQP.BasicProperties original, RoutingKey key, long publishedAt) {
		Map<String, Object> headers = copyHeaders(original, 3);
		Object given = headers.get(WarrenNames.ID_HEADER);
		// A producer may name the message itself (the HTTP publish API does, so that it
		// can
		// answer the id before the message is ingested); anything else gets an id here.
		if (given == null || !ChannelName.isValid(given.toString())) {
			headers.put(WarrenNames.ID_HEADER, nextId());
		}
		else if (!(given instanceof String)) {
			headers.put(WarrenNames.ID_HEADER, given.toString());
		}
		// Set by publisher-service alone, when it seals: a producer's own would mislead
		// clients and nodes.
		headers.remove(WarrenNames.ENCRYPTION_HEADER);
		headers.remove(WarrenNames.RECIPIENT_HEADER);
		// A node reads a message with this header as a packed stream entry: a producer's
		// own could smuggle deliveries for other clients in its body.
		headers.remove(StreamEntry.COUNT_HEADER);
		headers.put(WarrenNames.PUBLISHED_AT_HEADER, publishedAt);
		headers.put(WarrenNames.DESTINATION_HEADER, key.destination());
		return original.builder().headers(headers).userId(null).build();
	}

	/**
	 * Properties of a dead-lettered message: the original ones plus
	 * {@code warren-reason}, {@code warren-original-routing-key} and
	 * {@code warren-original-queue} (all Strings).
	 * @param original the properties as received
	 * @param routingKey the routing key the message arrived with
	 * @param queue the queue it was consumed from
	 * @param reason why it is rejected
	 * @return the properties to dead-letter with
	 */
	static AMQP.BasicProperties deadLetter(AMQP.BasicProperties original, String routingKey, String queue,
			String reason) {
		Map<String, Object> headers = copyHeaders(original, 3);
		headers.put(WarrenNames.REASON_HEADER, reason);
		headers.put(WarrenNames.ORIGINAL_ROUTING_KEY_HEADER, String.valueOf(routingKey));
		headers.put(WarrenNames.ORIGINAL_QUEUE_HEADER, queue);
		return original.builder().headers(headers).userId(null).build();
	}

	private static Map<String, Object> copyHeaders(AMQP.BasicProperties original, int extra) {
		Map<String, Object> received = original.getHeaders();
		if (received == null || received.isEmpty()) {
			return new HashMap<>(4);
		}
		Map<String, Object> headers = new HashMap<>((int) ((received.size() + extra) / 0.75f) + 1);
		headers.putAll(received);
		return headers;
	}

}
