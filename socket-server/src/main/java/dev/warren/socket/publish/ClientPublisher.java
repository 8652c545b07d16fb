package dev.warren.socket.publish;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import dev.warren.common.ChannelName;
import dev.warren.common.RoutingKey;
import dev.warren.common.WarrenNames;
import dev.warren.socket.hub.Hub;
import dev.warren.socket.hub.Refusal;
import dev.warren.socket.monitor.NodeWarnings;

/**
 * Publishing from clients, for every way in: a client may publish to a topic whose rule
 * allows client publishing and which it may subscribe to, within its rate. The message
 * goes into the ingest exchange like a producer's, with {@code warren-sender} set to the
 * client (never taken from the client) and a {@code warren-id} chosen here, and is
 * answered once RabbitMQ confirmed it. Confirms arrive on the AMQP client's threads, so
 * no way in waits for the broker.
 */
public final class ClientPublisher {

	private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

	private final Hub hub;

	private final RabbitTemplate rabbit;

	private final String ingestExchange;

	private final PublishRates rates;

	private final Counter published;

	private final NodeWarnings warnings;

	private final Counter throttled;

	public ClientPublisher(Hub hub, RabbitTemplate rabbit, String ingestExchange, PublishRates rates, Counter published,
			Counter throttled, NodeWarnings warnings) {
		this.warnings = warnings;
		this.hub = hub;
		this.rabbit = rabbit;
		this.ingestExchange = ingestExchange;
		this.rates = rates;
		this.published = published;
		this.throttled = throttled;
	}

	/**
	 * Publishes a client's message to a topic.
	 * @param sessionId the client's session
	 * @param topic the topic's name
	 * @param contentType the body's content type, {@code null} for JSON
	 * @param body the body
	 * @return the message's {@code warren-id}, once RabbitMQ confirmed it; failed with a
	 * {@link Refusal} ({@code unavailable}) when it did not
	 * @throws Refusal when the client may not publish there or now
	 */
	public CompletableFuture<String> publish(String sessionId, String topic, String contentType, byte[] body) {
		String clientId = this.hub.connectedClient(sessionId);
		if (topic == null || !ChannelName.isValid(topic)) {
			throw new Refusal(Refusal.Reason.INVALID, "Invalid topic: " + abbreviated(topic),
					"a topic name has 1-128 characters [A-Za-z0-9_.-]");
		}
		if (!this.hub.mayPublish(topic, clientId)) {
			throw new Refusal(Refusal.Reason.FORBIDDEN, "Publishing is not allowed: /topic/" + topic,
					"the topic is not open to client publishing, or this client may not subscribe to it");
		}
		if (!this.rates.tryAcquire(clientId)) {
			this.throttled.increment();
			this.warnings.record(clientId, "rate-limited",
					"more than " + this.rates.perSecond() + " messages a second to /topic/" + topic);
			throw new Refusal(Refusal.Reason.LIMIT, "Too many messages", "a client may publish "
					+ this.rates.perSecond() + " messages a second on a node (warren.socket.max-publishes-per-second)");
		}
		String id = "c-" + UUID.randomUUID();
		MessageProperties properties = new MessageProperties();
		properties.setContentType((contentType != null) ? contentType : MessageProperties.CONTENT_TYPE_JSON);
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		properties.setHeader(WarrenNames.ID_HEADER, id);
		properties.setHeader(WarrenNames.SENDER_HEADER, clientId);
		CorrelationData correlation = new CorrelationData(id);
		try {
			this.rabbit.send(this.ingestExchange, RoutingKey.topic(topic).deliveryKey(), new Message(body, properties),
					correlation);
		}
		catch (AmqpException ex) {
			return CompletableFuture.failedFuture(Refusal.unavailable());
		}
		return correlation.getFuture()
			.orTimeout(CONFIRM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
			.handle((confirm, failure) -> {
				if (failure != null || confirm == null || !confirm.ack()) {
					throw Refusal.unavailable();
				}
				this.published.increment();
				return id;
			});
	}

	/**
	 * The topic a STOMP {@code SEND} publishes to.
	 * @param destination the frame's destination
	 * @return the topic's name
	 * @throws Refusal when the destination is not {@code /app/topics/<name>}
	 */
	public static String topicOf(String destination) {
		if (destination == null || !destination.startsWith(WarrenNames.CLIENT_PUBLISH_PREFIX)) {
			throw new Refusal(Refusal.Reason.FORBIDDEN, "Sending is not allowed: " + abbreviated(destination),
					"publish to " + WarrenNames.CLIENT_PUBLISH_PREFIX
							+ "<name>, a topic open to client publishing; nothing else takes a SEND");
		}
		return destination.substring(WarrenNames.CLIENT_PUBLISH_PREFIX.length());
	}

	/**
	 * What to tell the client when a publish failed after it was accepted.
	 * @param failure what the future failed with
	 * @return the refusal
	 */
	public static Refusal refusalOf(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		return (cause instanceof Refusal refusal) ? refusal : Refusal.unavailable();
	}

	private static String abbreviated(String text) {
		if (text == null) {
			return "(none)";
		}
		return (text.length() > 64) ? text.substring(0, 64) + "…" : text;
	}

}
