package dev.warren.publisher.delivery;

import java.util.ArrayList;
import java.util.List;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.ShutdownListener;
import com.rabbitmq.client.ShutdownSignalException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class DeliveryPublisherTests {

	private static final AMQP.BasicProperties PROPERTIES = new AMQP.BasicProperties();

	private final PublishingConnection connection = mock(PublishingConnection.class);

	private final Channel channel = mock(Channel.class);

	private final DeliveryPublisher publisher = new DeliveryPublisher(this.connection, "test");

	private final List<String> outcomes = new ArrayList<>();

	private long nextSequence = 1;

	@BeforeEach
	void channel() throws Exception {
		given(this.connection.openConfirmChannel()).willReturn(this.channel);
		given(this.channel.isOpen()).willReturn(true);
		given(this.channel.getNextPublishSeqNo()).willAnswer((invocation) -> this.nextSequence++);
	}

	@Test
	void publishesInOrderOnOneChannelWithoutWaiting() throws Exception {
		for (int i = 1; i <= 3; i++) {
			this.publisher.publish("x", "k" + i, PROPERTIES, new byte[0], outcome("m" + i));
		}
		var order = inOrder(this.channel);
		for (int i = 1; i <= 3; i++) {
			order.verify(this.channel).basicPublish("x", "k" + i, false, PROPERTIES, new byte[0]);
		}
		verify(this.connection, times(1)).openConfirmChannel();
		assertThat(this.outcomes).isEmpty();
		assertThat(this.publisher.inFlight()).isEqualTo(3);
	}

	@Test
	void singleAndMultipleConfirms() throws Exception {
		for (int i = 1; i <= 4; i++) {
			this.publisher.publish("x", "k", PROPERTIES, new byte[0], outcome("m" + i));
		}
		ConfirmListener confirms = confirmListener();
		confirms.handleAck(2, false);
		assertThat(this.outcomes).containsExactly("m2:ack");
		confirms.handleAck(3, true);
		assertThat(this.outcomes).containsExactly("m2:ack", "m1:ack", "m3:ack");
		confirms.handleNack(4, false);
		assertThat(this.outcomes).containsExactly("m2:ack", "m1:ack", "m3:ack", "m4:nack");
		assertThat(this.publisher.inFlight()).isZero();
	}

	@Test
	void lostChannelRejectsWhatAwaitsAConfirmAndTheNextPublishOpensANewOne() throws Exception {
		this.publisher.publish("x", "k", PROPERTIES, new byte[0], outcome("m1"));
		this.publisher.publish("x", "k", PROPERTIES, new byte[0], outcome("m2"));
		ArgumentCaptor<ShutdownListener> shutdown = ArgumentCaptor.forClass(ShutdownListener.class);
		verify(this.channel).addShutdownListener(shutdown.capture());
		given(this.channel.isOpen()).willReturn(false);
		shutdown.getValue().shutdownCompleted(new ShutdownSignalException(false, false, null, this.channel));
		assertThat(this.outcomes).containsExactly("m1:nack", "m2:nack");
		Channel second = mock(Channel.class);
		given(second.isOpen()).willReturn(true);
		given(this.connection.openConfirmChannel()).willReturn(second);
		this.publisher.publish("x", "k", PROPERTIES, new byte[0], outcome("m3"));
		verify(second).basicPublish("x", "k", false, PROPERTIES, new byte[0]);
	}

	@Test
	void failedSendIsRejectedAtOnce() throws Exception {
		willThrow(new java.io.IOException("closed")).given(this.channel)
			.basicPublish(anyString(), anyString(), anyBoolean(), any(), any());
		this.publisher.publish("x", "k", PROPERTIES, new byte[0], outcome("m1"));
		assertThat(this.outcomes).containsExactly("m1:nack");
		assertThat(this.publisher.inFlight()).isZero();
	}

	@Test
	void noConnectionIsRejectedAtOnce() throws Exception {
		given(this.connection.openConfirmChannel()).willThrow(new java.io.IOException("refused"));
		this.publisher.publish("x", "k", PROPERTIES, new byte[0], outcome("m1"));
		assertThat(this.outcomes).containsExactly("m1:nack");
	}

	private ConfirmListener confirmListener() {
		ArgumentCaptor<ConfirmListener> listener = ArgumentCaptor.forClass(ConfirmListener.class);
		verify(this.channel).addConfirmListener(listener.capture());
		return listener.getValue();
	}

	private Confirmation outcome(String name) {
		return new Confirmation() {

			@Override
			public void confirmed() {
				DeliveryPublisherTests.this.outcomes.add(name + ":ack");
			}

			@Override
			public void rejected(String cause) {
				DeliveryPublisherTests.this.outcomes.add(name + ":nack");
			}

		};
	}

}
