package dev.warren.e2e;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import dev.warren.common.history.StreamEntry;

/**
 * What RabbitMQ holds in the history stream, read beside the nodes from its first entry:
 * plain messages and the deliveries packed into entries alike.
 */
final class HistoryTap implements AutoCloseable {

	private final Channel channel;

	private final List<Held> held = new ArrayList<>();

	private HistoryTap(Connection connection, String stream) throws IOException {
		this.channel = connection.createChannel();
		this.channel.basicQos(500);
		this.channel.basicConsume(stream, false, Map.of("x-stream-offset", "first"), new DefaultConsumer(this.channel) {

			@Override
			public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
					byte[] body) throws IOException {
				int count = StreamEntry.count(properties.getHeaders());
				synchronized (HistoryTap.this.held) {
					if (count == 0) {
						HistoryTap.this.held.add(new Held(envelope.getRoutingKey(), properties.getHeaders(), body));
					}
					else {
						StreamEntry.read(body, count, (index, routingKey, contentType, headers,
								payload) -> HistoryTap.this.held.add(new Held(routingKey, headers, payload)));
					}
				}
				getChannel().basicAck(envelope.getDeliveryTag(), false);
			}

		});
	}

	/**
	 * Starts reading a stream.
	 * @param connection the connection to read on
	 * @param stream the history stream
	 * @return the tap
	 * @throws IOException when the stream cannot be read
	 */
	static HistoryTap open(Connection connection, String stream) throws IOException {
		return new HistoryTap(connection, stream);
	}

	/**
	 * The first delivery read with a routing key.
	 * @param routingKey the key
	 * @return the delivery, {@code null} while none was read
	 */
	Held first(String routingKey) {
		synchronized (this.held) {
			return this.held.stream().filter((h) -> h.routingKey().equals(routingKey)).findFirst().orElse(null);
		}
	}

	@Override
	public void close() throws IOException {
		try {
			this.channel.close();
		}
		catch (java.util.concurrent.TimeoutException | RuntimeException ex) {
			// Gone with the connection.
		}
	}

	/** One delivery the stream holds. */
	record Held(String routingKey, Map<String, Object> headers, byte[] body) {
	}

}
