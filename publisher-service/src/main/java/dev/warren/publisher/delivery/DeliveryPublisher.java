package dev.warren.publisher.delivery;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;

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
 */
public final class DeliveryPublisher implements AutoCloseable {

	private final PublishingConnection connection;

	private final String name;

	private ConfirmedChannel current;

	private boolean closed;

	/**
	 * Creates a publisher; its channel opens on the first publish.
	 * @param connection the publishing connection
	 * @param name what the channel serves, for logs
	 */
	public DeliveryPublisher(PublishingConnection connection, String name) {
		this.connection = connection;
		this.name = name;
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
	 * How many messages await their confirm.
	 * @return the count
	 */
	public int inFlight() {
		ConfirmedChannel channel = this.current;
		return (channel != null) ? channel.inFlight() : 0;
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
		if (this.current != null) {
			this.current.close();
			this.current = null;
		}
	}

}
