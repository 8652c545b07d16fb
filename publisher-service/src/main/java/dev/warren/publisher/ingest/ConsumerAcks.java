package dev.warren.publisher.ingest;

import java.io.IOException;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import io.micrometer.core.instrument.Counter;

/**
 * The acks of one consumer channel, sent in batches: one {@code basic.ack} with
 * {@code multiple} answers a run of deliveries whose republish the broker confirmed, so
 * the broker handles one ack frame where it handled one per message.
 * <p>
 * A multiple ack acknowledges every unacked delivery up to its tag, so it is only sent up
 * to a delivery with no unanswered one before it: a delivery whose republish still awaits
 * its confirm holds back the ack of every later one. Held acks go out once
 * {@code batchSize} deliveries are answered or as soon as none awaits a confirm, so at a
 * low rate each delivery is acked the moment it is confirmed. Requeues (nacks) are sent
 * at once, one by one; a multiple ack passes over them, as they are no longer unacked.
 * The ack's own tag is always a confirmed delivery: the broker closes the channel on an
 * ack for a tag it does not hold.
 * <p>
 * Called from the consumer's thread (a delivery arrives, a publish fails) and from the
 * publishing connection's thread (confirms). Acks are sent under the lock: two threads
 * sending them could overtake each other, and an ack below one already sent closes the
 * channel. Deliveries reach the listener in tag order, one at a time, as Spring's
 * container hands them over, so every unacked tag of the channel is in the window.
 */
final class ConsumerAcks {

	private static final byte AWAITING = 0;

	private static final byte CONFIRMED = 1;

	private static final byte REQUEUED = 2;

	private final Channel channel;

	private final int batchSize;

	private final Counter requeued;

	// The window: deliveries received and not yet acked or dropped, oldest first, in a
	// ring.
	private long[] tags;

	private byte[] states;

	// What each confirmed delivery counts as once its ack went out.
	private Counter[] counters;

	private int head;

	private int size;

	// How many deliveries at the window's head are answered (none of them awaiting) ...
	private int answered;

	// ... and the offset from the head of the last confirmed one among them, or -1.
	private int lastConfirmed = -1;

	ConsumerAcks(Channel channel, int batchSize, int initialWindow, Counter requeued) {
		this.channel = channel;
		this.batchSize = batchSize;
		this.requeued = requeued;
		int capacity = Integer.highestOneBit(Math.max(initialWindow, 2) - 1) << 1;
		this.tags = new long[capacity];
		this.states = new byte[capacity];
		this.counters = new Counter[capacity];
	}

	boolean isFor(Channel channel) {
		return this.channel == channel;
	}

	/**
	 * A delivery arrived and will be answered later with {@link #confirmed} or
	 * {@link #requeue}.
	 * @param tag its delivery tag
	 */
	synchronized void received(long tag) {
		if (this.size == this.tags.length) {
			grow();
		}
		int slot = slot(this.size);
		this.tags[slot] = tag;
		this.states[slot] = AWAITING;
		// Its counter slot is already null: flush() clears every slot leaving the window.
		this.size++;
	}

	/**
	 * The delivery's republish was confirmed: it is acked with the next batch.
	 * @param tag its delivery tag
	 * @param onAcked counted once the ack is sent
	 */
	synchronized void confirmed(long tag, Counter onAcked) {
		int offset = offsetOf(tag);
		if (offset < 0) {
			return;
		}
		int slot = slot(offset);
		this.states[slot] = CONFIRMED;
		this.counters[slot] = onAcked;
		advance();
	}

	/**
	 * Hands the delivery back to its queue now.
	 * @param tag its delivery tag
	 */
	synchronized void requeue(long tag) {
		try {
			this.channel.basicNack(tag, false, true);
			this.requeued.increment();
		}
		catch (IOException | AlreadyClosedException | IllegalStateException ex) {
			// consumer channel closed: the broker redelivers the message
		}
		int offset = offsetOf(tag);
		if (offset >= 0) {
			this.states[slot(offset)] = REQUEUED;
			advance();
		}
	}

	private void advance() {
		while (this.answered < this.size && this.states[slot(this.answered)] != AWAITING) {
			if (this.states[slot(this.answered)] == CONFIRMED) {
				this.lastConfirmed = this.answered;
			}
			this.answered++;
		}
		if (this.answered > 0 && (this.answered == this.size || this.answered >= this.batchSize)) {
			flush();
		}
	}

	private void flush() {
		if (this.lastConfirmed >= 0) {
			try {
				this.channel.basicAck(this.tags[slot(this.lastConfirmed)], true);
				for (int i = 0; i <= this.lastConfirmed; i++) {
					Counter counter = this.counters[slot(i)];
					if (counter != null) {
						counter.increment();
					}
				}
			}
			catch (IOException | AlreadyClosedException | IllegalStateException ex) {
				// Consumer channel closed (Spring's cached channel says so with an
				// IllegalStateException): the broker redelivers these messages.
			}
		}
		for (int i = 0; i < this.answered; i++) {
			this.counters[slot(i)] = null;
		}
		this.head = slot(this.answered);
		this.size -= this.answered;
		this.answered = 0;
		this.lastConfirmed = -1;
	}

	private int offsetOf(long tag) {
		// Tags are consecutive on a channel, so the offset is usually exact; search
		// otherwise.
		if (this.size == 0) {
			return -1;
		}
		long guess = tag - this.tags[this.head];
		if (guess >= 0 && guess < this.size && this.tags[slot((int) guess)] == tag) {
			return (int) guess;
		}
		int low = 0;
		int high = this.size - 1;
		while (low <= high) {
			int middle = (low + high) >>> 1;
			long found = this.tags[slot(middle)];
			if (found < tag) {
				low = middle + 1;
			}
			else if (found > tag) {
				high = middle - 1;
			}
			else {
				return middle;
			}
		}
		return -1;
	}

	private int slot(int offset) {
		return (this.head + offset) & (this.tags.length - 1);
	}

	private void grow() {
		int capacity = this.tags.length * 2;
		long[] newTags = new long[capacity];
		byte[] newStates = new byte[capacity];
		Counter[] newCounters = new Counter[capacity];
		for (int i = 0; i < this.size; i++) {
			int slot = slot(i);
			newTags[i] = this.tags[slot];
			newStates[i] = this.states[slot];
			newCounters[i] = this.counters[slot];
		}
		this.tags = newTags;
		this.states = newStates;
		this.counters = newCounters;
		this.head = 0;
	}

}
