package dev.warren.socket.history;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

import dev.warren.common.InvalidRoutingKeyException;
import dev.warren.common.RoutingKey;
import dev.warren.common.WarrenNames;
import dev.warren.common.history.StreamEntry;
import dev.warren.socket.hub.History;
import dev.warren.socket.node.Delivery;
import dev.warren.socket.node.DeliveryDecoder;

/**
 * The history in the RabbitMQ stream every node reads: a recovery reads it with a
 * consumer of its own over AMQP 0-9-1, from the offset the client sent, and cancels the
 * consumer once it has read what it asked for. Positions are numbers of
 * {@link StreamEntry}: the read starts at the entry holding {@code from} and skips what
 * comes before it in that entry. Control messages in the stream are read past, not handed
 * on.
 */
public final class StreamHistory implements History {

	private static final Logger logger = LoggerFactory.getLogger(StreamHistory.class);

	/** Messages the broker sends ahead of the reader; acknowledged in halves. */
	private static final int PREFETCH = 500;

	private final ConnectionFactory connections;

	private final String stream;

	private final DeliveryDecoder decoder;

	/**
	 * Reads a stream.
	 * @param connections the node's AMQP connection
	 * @param stream the history stream's name
	 * @param decoder turns its messages into deliveries
	 */
	public StreamHistory(ConnectionFactory connections, String stream, DeliveryDecoder decoder) {
		this.connections = connections;
		this.stream = stream;
		this.decoder = decoder;
	}

	@Override
	public boolean enabled() {
		return true;
	}

	@Override
	public boolean read(long from, long through, Duration timeout, Reader reader) {
		long deadline = System.nanoTime() + timeout.toNanos();
		BlockingQueue<Arrived> arrived = new LinkedBlockingQueue<>();
		Channel channel = null;
		String tag = null;
		long lastTag = 0;
		int unacked = 0;
		try {
			Connection connection = this.connections.createConnection();
			channel = connection.createChannel(false);
			channel.basicQos(PREFETCH);
			tag = channel.basicConsume(this.stream, false,
					Map.of(DeliveryDecoder.STREAM_OFFSET_HEADER, StreamEntry.offsetOf(from)),
					new DefaultConsumer(channel) {
						@Override
						public void handleDelivery(String consumerTag, Envelope envelope,
								AMQP.BasicProperties properties, byte[] body) {
							arrived.add(new Arrived(envelope, properties, body));
						}
					});
			while (true) {
				Arrived next = arrived.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				if (next == null) {
					return false;
				}
				lastTag = next.envelope.getDeliveryTag();
				if (++unacked >= PREFETCH / 2) {
					channel.basicAck(lastTag, true);
					unacked = 0;
				}
				if (!readEntry(next, from, through, reader)) {
					return true;
				}
			}
		}
		catch (IOException | AmqpException ex) {
			logger.atWarn().log("Could not read the history: {}", ex.toString());
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			release(channel, tag, (unacked > 0) ? lastTag : 0);
		}
	}

	/**
	 * Hands the deliveries of one stream entry from {@code from} on to the reader.
	 * @return whether to read on: {@code false} once {@code through} was read or the
	 * reader has enough
	 */
	private boolean readEntry(Arrived entry, long from, long through, Reader reader) {
		Map<String, Object> headers = entry.properties.getHeaders();
		long streamOffset = DeliveryDecoder.streamOffset(headers);
		int count = StreamEntry.count(headers);
		if (count == 0) {
			return read(StreamEntry.number(streamOffset, 0), entry.envelope.getRoutingKey(), headers,
					entry.properties.getContentType(), entry.body, from, through, reader);
		}
		boolean[] more = { true };
		try {
			StreamEntry.read(entry.body, count, (index, routingKey, contentType, entryHeaders, body) -> {
				if (more[0]) {
					more[0] = read(StreamEntry.number(streamOffset, index), routingKey, entryHeaders, contentType, body,
							from, through, reader);
				}
			});
		}
		catch (IllegalArgumentException ex) {
			logger.atWarn().log("Skipped an unreadable history entry at offset {}: {}", streamOffset, ex.getMessage());
		}
		return more[0] && StreamEntry.number(streamOffset, count - 1) < through;
	}

	private boolean read(long number, String routingKey, Map<String, Object> headers, String contentType, byte[] body,
			long from, long through, Reader reader) {
		if (number < from) {
			return true;
		}
		RoutingKey routed = target(routingKey);
		if (routed != null) {
			RoutingKey memberTopic = DeliveryDecoder.memberTopic(routed, headers);
			Delivery delivery = this.decoder.decode(headers, contentType, body, number,
					(memberTopic != null) ? routed.name() : null);
			if (!reader.message(number, (memberTopic != null) ? memberTopic : routed, delivery)) {
				return false;
			}
		}
		return number < through;
	}

	private static RoutingKey target(String routingKey) {
		if (routingKey == null || routingKey.startsWith(WarrenNames.CONTROL_KEY_PREFIX)) {
			return null;
		}
		try {
			return RoutingKey.parse(routingKey);
		}
		catch (InvalidRoutingKeyException ex) {
			return null;
		}
	}

	private static void release(Channel channel, String tag, long unackedTag) {
		if (channel == null) {
			return;
		}
		try {
			if (tag != null) {
				channel.basicCancel(tag);
			}
			if (unackedTag > 0) {
				channel.basicAck(unackedTag, true);
			}
			channel.close();
		}
		catch (IOException | RuntimeException | TimeoutException ex) {
			// The channel is gone with what it held; nothing to give back.
		}
	}

	private record Arrived(Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
	}

}
