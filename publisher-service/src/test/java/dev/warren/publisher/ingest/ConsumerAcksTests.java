package dev.warren.publisher.ingest;

import com.rabbitmq.client.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

class ConsumerAcksTests {

	private final Channel channel = mock(Channel.class);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final Counter acked = this.registry.counter("acked");

	private final Counter requeued = this.registry.counter("requeued");

	private final ConsumerAcks acks = new ConsumerAcks(this.channel, 4, 8, this.requeued);

	@Test
	void acksAtOnceWhenNothingElseAwaitsAConfirm() throws Exception {
		this.acks.received(1);
		this.acks.confirmed(1, this.acked);
		verify(this.channel).basicAck(1, true);
		this.acks.received(2);
		this.acks.confirmed(2, this.acked);
		verify(this.channel).basicAck(2, true);
		assertThat(this.acked.count()).isEqualTo(2);
	}

	@Test
	void holdsConfirmedAcksWhileOthersAwaitThenSendsOneForTheBatch() throws Exception {
		receive(1, 6);
		this.acks.confirmed(1, this.acked);
		this.acks.confirmed(2, this.acked);
		this.acks.confirmed(3, this.acked);
		verify(this.channel, never()).basicAck(anyLong(), anyBoolean());
		this.acks.confirmed(4, this.acked);
		verify(this.channel).basicAck(4, true);
		assertThat(this.acked.count()).isEqualTo(4);
		this.acks.confirmed(5, this.acked);
		this.acks.confirmed(6, this.acked);
		verify(this.channel).basicAck(6, true);
		verifyNoMoreInteractions(this.channel);
		assertThat(this.acked.count()).isEqualTo(6);
	}

	@Test
	void neverAcksPastADeliveryStillAwaitingItsConfirm() throws Exception {
		receive(1, 7);
		// Confirms out of order: 1 is still unconfirmed, so nothing may be acked.
		for (long tag = 2; tag <= 7; tag++) {
			this.acks.confirmed(tag, this.acked);
		}
		verify(this.channel, never()).basicAck(anyLong(), anyBoolean());
		this.acks.confirmed(1, this.acked);
		verify(this.channel).basicAck(7, true);
		assertThat(this.acked.count()).isEqualTo(7);
	}

	@Test
	void requeuesAtOnceAndEndsTheAckOnTheLastConfirmedTag() throws Exception {
		receive(1, 3);
		this.acks.confirmed(1, this.acked);
		this.acks.confirmed(2, this.acked);
		this.acks.requeue(3);
		// The broker closes the channel on an ack for a tag it no longer holds: the
		// multiple ack names 2, and 3 went back to the queue on its own.
		InOrder order = inOrder(this.channel);
		order.verify(this.channel).basicNack(3, false, true);
		order.verify(this.channel).basicAck(2, true);
		verifyNoMoreInteractions(this.channel);
		assertThat(this.acked.count()).isEqualTo(2);
		assertThat(this.requeued.count()).isEqualTo(1);
	}

	@Test
	void aWindowOfRequeuesOnlySendsNoAck() throws Exception {
		receive(1, 2);
		this.acks.requeue(1);
		this.acks.requeue(2);
		verify(this.channel).basicNack(1, false, true);
		verify(this.channel).basicNack(2, false, true);
		verifyNoMoreInteractions(this.channel);
		this.acks.received(3);
		this.acks.confirmed(3, this.acked);
		verify(this.channel).basicAck(3, true);
	}

	@Test
	void growsBeyondItsInitialWindow() throws Exception {
		ConsumerAcks unbatched = new ConsumerAcks(this.channel, 1000, 2, this.requeued);
		receive(unbatched, 1, 100);
		for (long tag = 100; tag >= 2; tag--) {
			unbatched.confirmed(tag, this.acked);
		}
		verify(this.channel, never()).basicAck(anyLong(), anyBoolean());
		unbatched.confirmed(1, this.acked);
		verify(this.channel).basicAck(100, true);
		assertThat(this.acked.count()).isEqualTo(100);
	}

	@Test
	void keepsWorkingWhenTheRingWrapsAround() throws Exception {
		for (long tag = 1; tag <= 1000; tag += 2) {
			this.acks.received(tag);
			this.acks.received(tag + 1);
			this.acks.confirmed(tag + 1, this.acked);
			this.acks.confirmed(tag, this.acked);
		}
		verify(this.channel).basicAck(2, true);
		verify(this.channel).basicAck(1000, true);
		assertThat(this.acked.count()).isEqualTo(1000);
	}

	@Test
	void findsATagAfterAGapInTheDeliveries() throws Exception {
		// 2 never reached the listener (say the container rejected it while stopping):
		// tag 3 is not where consecutive tags would put it.
		this.acks.received(1);
		this.acks.received(3);
		this.acks.confirmed(3, this.acked);
		verify(this.channel, never()).basicAck(anyLong(), anyBoolean());
		this.acks.confirmed(1, this.acked);
		verify(this.channel).basicAck(3, true);
		assertThat(this.acked.count()).isEqualTo(2);
	}

	@Test
	void anUnknownTagIsIgnored() throws Exception {
		this.acks.received(5);
		this.acks.confirmed(4, this.acked);
		this.acks.confirmed(6, this.acked);
		verify(this.channel, never()).basicAck(anyLong(), anyBoolean());
		this.acks.requeue(9);
		verify(this.channel).basicNack(9, false, true);
		this.acks.confirmed(5, this.acked);
		verify(this.channel).basicAck(5, true);
	}

	@Test
	void aClosedChannelDropsTheBatchUncounted() throws Exception {
		willThrow(new IllegalStateException("Channel closed; cannot ack/nack")).given(this.channel).basicAck(2, true);
		receive(1, 2);
		this.acks.confirmed(1, this.acked);
		this.acks.confirmed(2, this.acked);
		// Not counted: the broker redelivers these to the next consumer.
		assertThat(this.acked.count()).isZero();
		this.acks.received(3);
		this.acks.confirmed(3, this.acked);
		verify(this.channel).basicAck(3, true);
		assertThat(this.acked.count()).isEqualTo(1);
	}

	private void receive(long first, long last) {
		receive(this.acks, first, last);
	}

	private static void receive(ConsumerAcks acks, long first, long last) {
		for (long tag = first; tag <= last; tag++) {
			acks.received(tag);
		}
	}

}
