package dev.warren.publisher.delivery;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import org.jspecify.annotations.Nullable;

import dev.warren.common.history.StreamEntry;

/**
 * Publishes on one channel of its own, in publisher-confirm mode, and reports each broker
 * confirm to the message's {@link Confirmation}.
 * <p>
 * One instance serves one consumer, so the messages of one ingest queue go out on one
 * channel in the order they were consumed. Publishing never waits for a confirm: many
 * messages are in flight at once (as many as the consumer's prefetch allows), and
 * confirms arrive asynchronously, possibly several at once ({@code multiple}). When the
 * channel is lost every message still awaiting its confirm is rejected, and the next
 * publish opens a new channel.
 * <p>
 * With {@link EntryBatching}, {@link #deliver deliveries} are packed into entries of the
 * history stream instead, published straight to the stream: RabbitMQ's cost there is per
 * entry. Any other publish first publishes the entry being filled, so the channel's order
 * is the order of the calls.
 */
public final class DeliveryPublisher implements AutoCloseable {

	private final PublishingConnection connection;

	private final String name;

	private ConfirmedChannel current;

	private boolean closed;

	private final @Nullable EntryBatching batching;

	private final StreamEntry.Writer entry = new StreamEntry.Writer();

	private final List<Confirmation> entryConfirmations = new ArrayList<>();

	private @Nullable ScheduledFuture<?> lingering;

	/** When the last entry was published ({@code System.nanoTime}). */
	private long lastEntryNanos = System.nanoTime();

	/**
	 * Creates a publisher that publishes every delivery on its own; its channel opens on
	 * the first publish.
	 * @param connection the publishing connection
	 * @param name what the channel serves, for logs
	 */
	public DeliveryPublisher(PublishingConnection connection, String name) {
		this(connection, name, null);
	}

	/**
	 * Creates a publisher; its channel opens on the first publish.
	 * @param connection the publishing connection
	 * @param name what the channel serves, for logs
	 * @param batching how deliveries are packed into stream entries, {@code null} to
	 * publish each to its exchange
	 */
	public DeliveryPublisher(PublishingConnection connection, String name, @Nullable EntryBatching batching) {
		this.connection = connection;
		this.name = name;
		this.batching = batching;
	}

	/**
	 * Publishes a delivery: into the stream entry being filled when batching, otherwise
	 * like {@link #publish}. {@code confirmation} learns the outcome of its entry.
	 * @param exchange the deliveries exchange
	 * @param routingKey the routing key
	 * @param properties the message properties; an entry keeps content type and headers
	 * @param body the body, unchanged
	 * @param confirmation told of the outcome, once
	 */
	public synchronized void deliver(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body,
			Confirmation confirmation) {
		EntryBatching batching = this.batching;
		if (batching == null) {
			publish(exchange, routingKey, properties, body, confirmation);
			return;
		}
		try {
			this.entry.add(routingKey, properties.getContentType(), properties.getHeaders(), body);
		}
		catch (IllegalArgumentException ex) {
			confirmation.rejected(ex.getMessage());
			return;
		}
		this.entryConfirmations.add(confirmation);
		if (this.entry.count() >= batching.maxMessages() || this.entry.size() >= batching.maxBytes()) {
			publishEntry();
		}
		else if (this.lingering == null) {
			// Paced: at most one entry that is not full per linger. After a quiet spell a
			// delivery goes at once; under load deliveries gather while the linger runs.
			long wait = this.lastEntryNanos + batching.linger().toNanos() - System.nanoTime();
			if (wait <= 0) {
				publishEntry();
			}
			else {
				this.lingering = batching.scheduler().schedule(this::lingered, wait, TimeUnit.NANOSECONDS);
			}
		}
	}

	/**
	 * Publishes a message; {@code confirmation} learns the outcome, possibly before this
	 * method returns.
	 * @param exchange the exchange ({@code ""} for the default exchange)
	 * @param routingKey the routing key
	 * @param properties the message properties
	 * @param body the body, unchanged
	 * @param confirmation told of the outcome, once
	 */
	public synchronized void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body,
			Confirmation confirmation) {
		publishEntry();
		publishNow(exchange, routingKey, properties, body, confirmation);
	}

	private synchronized void lingered() {
		this.lingering = null;
		publishEntry();
	}

	private void publishEntry() {
		if (this.lingering != null) {
			this.lingering.cancel(false);
			this.lingering = null;
		}
		int count = this.entry.count();
		if (count == 0 || this.batching == null) {
			return;
		}
		byte[] body = this.entry.toByteArray();
		Confirmation confirmation = new EntryConfirmation(List.copyOf(this.entryConfirmations));
		this.entry.reset();
		this.entryConfirmations.clear();
		this.lastEntryNanos = System.nanoTime();
		AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().deliveryMode(2)
			.headers(Map.of(StreamEntry.COUNT_HEADER, count))
			.build();
		publishNow("", this.batching.stream(), properties, body, confirmation);
	}

	private void publishNow(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body,
			Confirmation confirmation) {
		ConfirmedChannel channel;
		try {
			channel = channel();
		}
		catch (IOException | TimeoutException | RuntimeException ex) {
			confirmation.rejected("no publishing channel: " + ex.getMessage());
			return;
		}
		channel.publish(exchange, routingKey, properties, body, confirmation);
	}

	/**
	 * How many messages await their confirm, or the publish of their stream entry.
	 * @return the count
	 */
	public int inFlight() {
		ConfirmedChannel channel = this.current;
		return ((channel != null) ? channel.inFlight() : 0) + this.entry.count();
	}

	private ConfirmedChannel channel() throws IOException, TimeoutException {
		if (this.closed) {
			throw new IllegalStateException("publisher closed");
		}
		if (this.current == null || !this.current.isOpen()) {
			this.current = new ConfirmedChannel(this.connection.openConfirmChannel(), this.name);
		}
		return this.current;
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.lingering != null) {
			this.lingering.cancel(false);
			this.lingering = null;
		}
		// Never published: their ingest deliveries go back to the queue, without a
		// duplicate in the stream.
		this.entryConfirmations.forEach((confirmation) -> confirmation.rejected("publisher closed"));
		this.entryConfirmations.clear();
		this.entry.reset();
		if (this.current != null) {
			this.current.close();
			this.current = null;
		}
	}

}
