package dev.warren.subclient.load;

import java.io.IOException;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import dev.warren.common.history.StreamEntry;

/**
 * Stands in for the socket tier when only the ingest hop is measured: every delivery of
 * the run's topic, checked and timed like a WebSocket client's. It reads them from a
 * queue of its own bound to the deliveries exchange, or, where publisher-service keeps
 * the history in a stream (and publishes its entries there, not to the exchange), from
 * that stream as the nodes do: from its next entry on, each entry unpacked.
 */
final class IngestProbe implements AutoCloseable {

	/** Entries in flight to the probe; a stream consumer needs a prefetch. */
	private static final int STREAM_PREFETCH = 1000;

	private final Channel channel;

	private final StreamTracker tracker;

	private final String routingKey;

	private final LoadStats stats;

	private final LoadStats.Node node;

	private final int subscription;

	private final LoadPayload.Fields fields = new LoadPayload.Fields();

	/**
	 * Starts reading.
	 * @param deliveriesStream the history stream to read, or {@code null} to bind a queue
	 * to {@code deliveriesExchange}
	 */
	IngestProbe(Connection connection, String deliveriesExchange, String deliveriesStream, String routingKey,
			StreamTracker tracker, int subscription, LoadStats stats) throws IOException {
		this.tracker = tracker;
		this.routingKey = routingKey;
		this.stats = stats;
		this.node = stats.nodes.get(0);
		this.subscription = subscription;
		this.channel = connection.createChannel();
		if (deliveriesStream == null) {
			String queue = this.channel.queueDeclare().getQueue();
			this.channel.queueBind(queue, deliveriesExchange, routingKey);
			this.channel.basicConsume(queue, true, new DefaultConsumer(this.channel) {
				@Override
				public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
						byte[] body) {
					check(body);
				}
			});
		}
		else {
			this.channel.basicQos(STREAM_PREFETCH);
			this.channel.basicConsume(deliveriesStream, false, Map.of("x-stream-offset", "next"),
					new DefaultConsumer(this.channel) {
						@Override
						public void handleDelivery(String consumerTag, Envelope envelope,
								AMQP.BasicProperties properties, byte[] body) throws IOException {
							int count = StreamEntry.count(properties.getHeaders());
							if (count == 0) {
								if (envelope.getRoutingKey().equals(routingKey)) {
									check(body);
								}
							}
							else {
								StreamEntry.read(body, count, (index, key, contentType, headers, payload) -> {
									if (key.equals(IngestProbe.this.routingKey)) {
										check(payload);
									}
								});
							}
							getChannel().basicAck(envelope.getDeliveryTag(), false);
						}
					});
		}
	}

	private void check(byte[] body) {
		ByteBuf buf = Unpooled.wrappedBuffer(body);
		if (!LoadPayload.read(buf, 0, body.length, this.fields)) {
			this.tracker.misdelivered++;
		}
		else if (this.tracker.arrived(this.subscription, this.fields.stream, this.fields.sequence)) {
			this.stats.latency.record((this.stats.now() - this.fields.sentNanos) / 1000);
			this.stats.received.increment();
			this.node.received.increment();
		}
	}

	StreamTracker tracker() {
		return this.tracker;
	}

	@Override
	public void close() throws Exception {
		this.channel.close();
	}

}
