package dev.warren.publisher.delivery;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.ShutdownSignalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel and the messages awaiting its confirms, by publish sequence number.
 * Sequence numbers restart with each channel, so each channel keeps its own map.
 */
final class ConfirmedChannel implements ConfirmListener {

	private static final Logger log = LoggerFactory.getLogger(ConfirmedChannel.class);

	private final Channel channel;

	private final String name;

	private final ConcurrentNavigableMap<Long, Confirmation> outstanding = new ConcurrentSkipListMap<>();

	ConfirmedChannel(Channel channel, String name) {
		this.channel = channel;
		this.name = name;
		channel.addConfirmListener(this);
		channel.addShutdownListener(this::lost);
	}

	void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body,
			Confirmation confirmation) {
		long sequence = this.channel.getNextPublishSeqNo();
		this.outstanding.put(sequence, confirmation);
		try {
			this.channel.basicPublish(exchange, routingKey, false, properties, body);
		}
		catch (IOException | AlreadyClosedException ex) {
			Confirmation own = this.outstanding.remove(sequence);
			if (own != null) {
				own.rejected("publish failed: " + ex.getMessage());
			}
		}
	}

	@Override
	public void handleAck(long deliveryTag, boolean multiple) {
		complete(deliveryTag, multiple, true, null);
	}

	@Override
	public void handleNack(long deliveryTag, boolean multiple) {
		complete(deliveryTag, multiple, false, "negative confirm from the broker");
	}

	private void complete(long deliveryTag, boolean multiple, boolean ack, String cause) {
		if (!multiple) {
			Confirmation confirmation = this.outstanding.remove(deliveryTag);
			if (confirmation != null) {
				report(confirmation, ack, cause);
			}
			return;
		}
		Map.Entry<Long, Confirmation> first;
		while ((first = this.outstanding.firstEntry()) != null && first.getKey() <= deliveryTag) {
			if (this.outstanding.remove(first.getKey(), first.getValue())) {
				report(first.getValue(), ack, cause);
			}
		}
	}

	private void lost(ShutdownSignalException signal) {
		// Closed by Warren itself (a rabbit channel stopped, or shutdown): expected, the
		// unconfirmed messages go back to their queue.
		if (!this.outstanding.isEmpty() && !signal.isInitiatedByApplication()) {
			log.atWarn()
				.addKeyValue("warren.channel", this.name)
				.addKeyValue("warren.in_flight", this.outstanding.size())
				.log("publishing channel lost with unconfirmed messages: {}", signal.getMessage());
		}
		Map.Entry<Long, Confirmation> first;
		while ((first = this.outstanding.pollFirstEntry()) != null) {
			report(first.getValue(), false, "publishing channel lost");
		}
	}

	boolean isOpen() {
		return this.channel.isOpen();
	}

	int inFlight() {
		return this.outstanding.size();
	}

	private static void report(Confirmation confirmation, boolean ack, String cause) {
		try {
			if (ack) {
				confirmation.confirmed();
			}
			else {
				confirmation.rejected(cause);
			}
		}
		catch (RuntimeException ex) {
			// A failing callback must not stop the connection thread from reporting
			// the other confirms.
			log.warn("Confirmation callback failed", ex);
		}
	}

	void close() {
		try {
			if (this.channel.isOpen()) {
				this.channel.close();
			}
		}
		catch (IOException | TimeoutException | RuntimeException ex) {
			log.debug("Publishing channel did not close cleanly", ex);
		}
	}

}
