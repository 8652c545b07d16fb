package dev.warren.subclient.load;

import java.io.IOException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Stands in for the socket tier when only the ingest hop is measured: a queue of its own
 * bound to the deliveries exchange for the run's topic, consumed with auto-ack, every
 * message checked and timed like a WebSocket client's.
 */
final class IngestProbe implements AutoCloseable {

	private final Channel channel;

	private final StreamTracker tracker;

	IngestProbe(Connection connection, String deliveriesExchange, String routingKey, StreamTracker tracker,
			int subscription, LoadStats stats) throws IOException {
		this.tracker = tracker;
		this.channel = connection.createChannel();
		String queue = this.channel.queueDeclare().getQueue();
		this.channel.queueBind(queue, deliveriesExchange, routingKey);
		LoadStats.Node node = stats.nodes.get(0);
		LoadPayload.Fields fields = new LoadPayload.Fields();
		this.channel.basicConsume(queue, true, new DefaultConsumer(this.channel) {
			@Override
			public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
					byte[] body) {
				ByteBuf buf = Unpooled.wrappedBuffer(body);
				if (!LoadPayload.read(buf, 0, body.length, fields)) {
					tracker.misdelivered++;
				}
				else if (tracker.arrived(subscription, fields.stream, fields.sequence)) {
					stats.latency.record((stats.now() - fields.sentNanos) / 1000);
					stats.received.increment();
					node.received.increment();
				}
			}
		});
	}

	StreamTracker tracker() {
		return this.tracker;
	}

	@Override
	public void close() throws Exception {
		this.channel.close();
	}

}
