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
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

import dev.warren.common.InvalidRoutingKeyException;
import dev.warren.common.RoutingKey;
import dev.warren.common.WarrenNames;
import dev.warren.socket.hub.Hub;

/**
 * Consumes the node queue and hands each message to the {@link Hub}, by its routing key:
 * {@code client.<id>}, {@code topic.<name>} or {@code broadcast}. One consumer, so the
 * queue's order is kept. No per-message logging: an invalid key is only counted (the
 * publisher validates keys, so it does not happen in practice).
 */
final class NodeQueueListener implements MessageListener {

	private final Hub hub;

	private final ControlMessages control;

	private final MimeType defaultContentType;

	private final Counter invalid;

	private final Timer latency;

	NodeQueueListener(Hub hub, ControlMessages control, MimeType defaultContentType, MeterRegistry meters) {
		this.hub = hub;
		this.control = control;
		this.defaultContentType = defaultContentType;
		this.invalid = Counter.builder("warren.socket.messages.dropped")
			.description("Messages this node dropped instead of delivering, by reason")
			.tag("reason", "invalid-routing-key")
			.register(meters);
		this.latency = Timer.builder("warren.socket.delivery.latency")
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
		if (routingKey != null && routingKey.startsWith(WarrenNames.CONTROL_KEY_PREFIX)) {
			this.control.handle(routingKey, properties, message.getBody());
			return;
		}
		RoutingKey target;
		try {
			target = RoutingKey.parse(routingKey);
		}
		catch (InvalidRoutingKeyException ex) {
			this.invalid.increment();
			return;
		}
		Map<String, Object> headers = properties.getHeaders();
		Object id = headers.get(WarrenNames.ID_HEADER);
		Object publishedAt = headers.get(WarrenNames.PUBLISHED_AT_HEADER);
		Object sender = headers.get(WarrenNames.SENDER_HEADER);
		if (publishedAt instanceof Long millis) {
			// Wall clocks of two machines: skew shows up here, so negative values are not
			// recorded.
			long age = System.currentTimeMillis() - millis;
			if (age >= 0) {
				this.latency.record(age, TimeUnit.MILLISECONDS);
			}
		}
		this.hub.deliver(target,
				new Delivery(message.getBody(), contentType(properties.getContentType()),
						(id != null) ? id.toString() : null, (publishedAt != null) ? publishedAt.toString() : null,
						(sender != null) ? sender.toString() : null, null));
	}

	/**
	 * Spring's {@code parseMimeType} keeps an LRU cache, so the few content types in use
	 * are parsed once and their {@code toString()} cached with them.
	 */
	private MimeType contentType(String value) {
		if (value == null || value.isEmpty()) {
			return this.defaultContentType;
		}
		try {
			return MimeTypeUtils.parseMimeType(value);
		}
		catch (IllegalArgumentException ex) {
			return this.defaultContentType;
		}
	}

}
