package dev.warren.publisher.ingest;

import java.io.IOException;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import io.micrometer.core.instrument.Counter;

import dev.warren.publisher.delivery.Confirmation;

/**
 * An ingest delivery waiting for the broker's confirm of its republish: acked once the
 * broker confirmed it, handed back to its queue (nack with requeue) otherwise.
 * <p>
 * Runs on the publishing connection's thread. If the consuming channel is gone by then
 * the broker has already requeued the delivery, so there is nothing left to do: Warren is
 * at-least-once.
 */
final class PendingAck implements Confirmation {

	private final Channel consumerChannel;

	private final long deliveryTag;

	private final Counter onConfirmed;

	private final Counter onRequeued;

	PendingAck(Channel consumerChannel, long deliveryTag, Counter onConfirmed, Counter onRequeued) {
		this.consumerChannel = consumerChannel;
		this.deliveryTag = deliveryTag;
		this.onConfirmed = onConfirmed;
		this.onRequeued = onRequeued;
	}

	@Override
	public void confirmed() {
		try {
			this.consumerChannel.basicAck(this.deliveryTag, false);
			this.onConfirmed.increment();
		}
		catch (IOException | AlreadyClosedException | IllegalStateException ex) {
			// Consumer channel closed (Spring's cached channel says so with an
			// IllegalStateException): the broker redelivers the message.
		}
	}

	@Override
	public void rejected(String cause) {
		requeue(this.consumerChannel, this.deliveryTag, this.onRequeued);
	}

	static void requeue(Channel consumerChannel, long deliveryTag, Counter requeued) {
		try {
			consumerChannel.basicNack(deliveryTag, false, true);
			requeued.increment();
		}
		catch (IOException | AlreadyClosedException | IllegalStateException ex) {
			// consumer channel closed: the broker redelivers the message
		}
	}

}
