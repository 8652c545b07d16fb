package dev.warren.socket.node;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.MessageProperties;

import dev.warren.common.InvalidRoutingKeyException;
import dev.warren.common.RoutingKey;
import dev.warren.common.WarrenHistoryProperties;
import dev.warren.common.WarrenNames;
import dev.warren.common.history.StreamEntry;
import dev.warren.socket.hub.Hub;

/**
 * Consumes the node's source (its queue, or the history stream) and hands each message to
 * the {@link Hub}, by its routing key: {@code client.<id>}, {@code topic.<name>} or
 * {@code broadcast}. One consumer, so the source's order is kept. An entry of the stream
 * that holds several deliveries ({@link StreamEntry}) is unpacked here. Each delivery
 * gets its number in the history: from the stream's offset and its index in the entry, or
 * the next number of the node's memory history. No per-message logging: an invalid key is
 * only counted (the publisher validates keys, so it does not happen in practice).
 */
final class NodeQueueListener implements MessageListener {

	private final Hub hub;

	private final ControlMessages control;

	private final DeliveryDecoder decoder;

	private final WarrenHistoryProperties.Store offsets;

	private final DeliveryRecorder memory;

	/** The next offset given in memory; only touched on the consumer. */
	private long nextOffset;

	private volatile long lastOffset = -1;

	private final Counter invalid;

	private final Timer latency;

	NodeQueueListener(Hub hub, ControlMessages control, DeliveryDecoder decoder, WarrenHistoryProperties.Store offsets,
			DeliveryRecorder memory, MeterRegistry meters) {
		this.hub = hub;
		this.control = control;
		this.decoder = decoder;
		this.offsets = offsets;
		this.memory = memory;
		this.invalid = Counter.builder("warren.socket.messages.dropped")
			.description("Messages this node dropped instead of delivering, by reason")
			.tag("reason", "invalid-routing-key")
			.register(meters);
		this.latency = Timer.builder(NodeCounters.LATENCY)
			.description("From publisher-service taking a message to this node handing it to its sessions")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(30))
			.register(meters);
	}

	@Override
	public void onMessage(Message message) {
		MessageProperties properties = message.getMessageProperties();
		String routingKey = properties.getReceivedRoutingKey();
		Map<String, Object> headers = properties.getHeaders();
		if (this.offsets == WarrenHistoryProperties.Store.STREAM) {
			long streamOffset = DeliveryDecoder.streamOffset(headers);
			int count = StreamEntry.count(headers);
			if (count > 0 && streamOffset >= 0) {
				try {
					StreamEntry.read(message.getBody(), count,
							(index, key, contentType, entryHeaders, body) -> handle(key, entryHeaders, contentType,
									body, StreamEntry.number(streamOffset, index), null));
				}
				catch (IllegalArgumentException ex) {
					this.invalid.increment();
				}
				return;
			}
			handle(routingKey, headers, properties.getContentType(), message.getBody(),
					(streamOffset >= 0) ? StreamEntry.number(streamOffset, 0) : -1, properties);
			return;
		}
		long offset = (this.offsets == WarrenHistoryProperties.Store.MEMORY) ? this.nextOffset : -1;
		handle(routingKey, headers, properties.getContentType(), message.getBody(), offset, properties);
	}

	/**
	 * One delivery or control message of the source.
	 * @param number its number in the history, -1 without one
	 * @param properties its message's properties; {@code null} for a delivery unpacked
	 * from a stream entry, which is never a control message
	 */
	private void handle(String routingKey, Map<String, Object> headers, String contentType, byte[] body, long number,
			MessageProperties properties) {
		if (this.offsets == WarrenHistoryProperties.Store.STREAM) {
			if (number >= 0 && number <= this.lastOffset) {
				// A restarted consumer starts a little behind: this one was handled.
				return;
			}
		}
		this.lastOffset = number;
		if (routingKey != null && routingKey.startsWith(WarrenNames.CONTROL_KEY_PREFIX)) {
			if (properties != null) {
				this.control.handle(routingKey, properties, body);
			}
			if (number >= 0 && this.offsets == WarrenHistoryProperties.Store.STREAM) {
				// Every node reads the others' control messages too: they move the head,
				// so a recovery waiting for it does not wait for the next delivery.
				this.hub.passed(number);
			}
			return;
		}
		RoutingKey routed;
		try {
			routed = RoutingKey.parse(routingKey);
		}
		catch (InvalidRoutingKeyException ex) {
			this.invalid.increment();
			return;
		}
		Object publishedAt = (headers != null) ? headers.get(WarrenNames.PUBLISHED_AT_HEADER) : null;
		if (publishedAt instanceof Long millis) {
			// Wall clocks of two machines: skew shows up here, so negative values are not
			// recorded.
			long age = System.currentTimeMillis() - millis;
			if (age >= 0) {
				this.latency.record(age, TimeUnit.MILLISECONDS);
			}
		}
		RoutingKey memberTopic = DeliveryDecoder.memberTopic(routed, headers);
		RoutingKey target = (memberTopic != null) ? memberTopic : routed;
		Delivery delivery = this.decoder.decode(headers, contentType, body, number,
				(memberTopic != null) ? routed.name() : null);
		if (this.offsets == WarrenHistoryProperties.Store.MEMORY) {
			this.memory.record(number, target, delivery);
			this.nextOffset++;
		}
		this.hub.deliver(target, delivery);
	}

	/**
	 * The number of the last message taken from the stream ({@link StreamEntry#number}),
	 * after whose entry a restarted consumer resumes.
	 * @return the number, -1 before the first
	 */
	long lastOffset() {
		return this.lastOffset;
	}

}
