package dev.warren.publisher.ingest;

import io.micrometer.core.instrument.Counter;

import dev.warren.publisher.delivery.Confirmation;

/**
 * An ingest delivery waiting for the broker's confirm of its republish: acked (with the
 * next batch of its consumer channel) once the broker confirmed it, handed back to its
 * queue (nack with requeue) otherwise.
 * <p>
 * Runs on the publishing connection's thread. If the consuming channel is gone by then
 * the broker has already requeued the delivery, so there is nothing left to do: Warren is
 * at-least-once.
 */
final class PendingAck implements Confirmation {

	private final ConsumerAcks acks;

	private final long deliveryTag;

	private final Counter onConfirmed;

	PendingAck(ConsumerAcks acks, long deliveryTag, Counter onConfirmed) {
		this.acks = acks;
		this.deliveryTag = deliveryTag;
		this.onConfirmed = onConfirmed;
	}

	@Override
	public void confirmed() {
		this.acks.confirmed(this.deliveryTag, this.onConfirmed);
	}

	@Override
	public void rejected(String cause) {
		this.acks.requeue(this.deliveryTag);
	}

}
