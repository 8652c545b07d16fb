package dev.warren.publisher.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.ShutdownListener;
import com.rabbitmq.client.ShutdownSignalException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import dev.warren.common.history.StreamEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class DeliveryPublisherTests {

	private static final AMQP.BasicProperties PROPERTIES = new AMQP.BasicProperties();

	private static final String STREAM = "warren.history";

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

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

	@AfterEach
	void stop() {
		this.scheduler.shutdownNow();
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

	@Test
	void aFullEntryIsPublishedToTheStreamAndItsConfirmAnswersEveryDelivery() throws Exception {
		DeliveryPublisher publisher = publisher(3, Duration.ofMinutes(1));
		for (int i = 1; i <= 3; i++) {
			publisher.deliver("warren.deliveries", "client.c-" + i, json("m" + i), bytes("{\"n\":" + i + "}"),
					outcome("m" + i));
		}
		Published entry = publishedEntry();
		assertThat(entry.properties().getHeaders()).containsEntry(StreamEntry.COUNT_HEADER, 3);
		List<String> read = new ArrayList<>();
		StreamEntry.read(entry.body(), 3, (index, routingKey, contentType, headers, body) -> read
			.add(routingKey + " " + contentType + " " + headers.get("warren-id") + " " + new String(body)));
		assertThat(read).containsExactly("client.c-1 application/json m1 {\"n\":1}",
				"client.c-2 application/json m2 {\"n\":2}", "client.c-3 application/json m3 {\"n\":3}");
		assertThat(this.outcomes).isEmpty();
		confirmListener().handleAck(1, false);
		assertThat(this.outcomes).containsExactly("m1:ack", "m2:ack", "m3:ack");
	}

	@Test
	void aRejectedEntryRejectsEveryDelivery() throws Exception {
		DeliveryPublisher publisher = publisher(2, Duration.ofMinutes(1));
		publisher.deliver("warren.deliveries", "broadcast", json("m1"), bytes("{}"), outcome("m1"));
		publisher.deliver("warren.deliveries", "broadcast", json("m2"), bytes("{}"), outcome("m2"));
		confirmListener().handleNack(1, false);
		assertThat(this.outcomes).containsExactly("m1:nack", "m2:nack");
	}

	@Test
	void aDeliveryAfterAQuietSpellIsPublishedAtOnce() throws Exception {
		DeliveryPublisher publisher = publisher(128, Duration.ofMillis(20));
		Thread.sleep(50);
		publisher.deliver("warren.deliveries", "client.c-1", json("m1"), bytes("{}"), outcome("m1"));
		ArgumentCaptor<AMQP.BasicProperties> properties = ArgumentCaptor.forClass(AMQP.BasicProperties.class);
		verify(this.channel).basicPublish(eq(""), eq(STREAM), eq(false), properties.capture(), any());
		assertThat(properties.getValue().getHeaders()).containsEntry(StreamEntry.COUNT_HEADER, 1);
	}

	@Test
	void deliveriesRightAfterAnEntryGatherUntilTheLingerIsOver() throws Exception {
		DeliveryPublisher publisher = publisher(128, Duration.ofSeconds(1));
		Thread.sleep(1100);
		publisher.deliver("warren.deliveries", "client.c-1", json("m1"), bytes("{}"), outcome("m1"));
		publisher.deliver("warren.deliveries", "client.c-1", json("m2"), bytes("{}"), outcome("m2"));
		publisher.deliver("warren.deliveries", "client.c-1", json("m3"), bytes("{}"), outcome("m3"));
		verify(this.channel, times(1)).basicPublish(anyString(), anyString(), anyBoolean(), any(), any());
		assertThat(publisher.inFlight()).isEqualTo(3);
		ArgumentCaptor<AMQP.BasicProperties> properties = ArgumentCaptor.forClass(AMQP.BasicProperties.class);
		verify(this.channel, timeout(5000).times(2)).basicPublish(eq(""), eq(STREAM), eq(false), properties.capture(),
				any());
		assertThat(properties.getAllValues()).extracting((p) -> p.getHeaders().get(StreamEntry.COUNT_HEADER))
			.containsExactly(1, 2);
	}

	@Test
	void anyOtherPublishFirstPublishesTheEntrySoTheChannelKeepsTheOrderOfTheCalls() throws Exception {
		DeliveryPublisher publisher = publisher(128, Duration.ofMinutes(1));
		publisher.deliver("warren.deliveries", "client.c-1", json("m1"), bytes("{}"), outcome("m1"));
		publisher.publish("", "warren.deliveries.records", json("ledger"), new byte[0], outcome("ledger"));
		var order = inOrder(this.channel);
		order.verify(this.channel).basicPublish(eq(""), eq(STREAM), eq(false), any(), any());
		order.verify(this.channel).basicPublish(eq(""), eq("warren.deliveries.records"), eq(false), any(), any());
		confirmListener().handleAck(2, true);
		assertThat(this.outcomes).containsExactly("m1:ack", "ledger:ack");
	}

	@Test
	void closingRejectsWhatWasNeverPublished() throws Exception {
		DeliveryPublisher publisher = publisher(128, Duration.ofMinutes(1));
		publisher.deliver("warren.deliveries", "client.c-1", json("m1"), bytes("{}"), outcome("m1"));
		publisher.close();
		assertThat(this.outcomes).containsExactly("m1:nack");
		verify(this.channel, never()).basicPublish(anyString(), anyString(), anyBoolean(), any(), any());
	}

	@Test
	void withoutBatchingADeliveryGoesToItsExchange() throws Exception {
		DeliveryPublisher publisher = new DeliveryPublisher(this.connection, "test");
		AMQP.BasicProperties properties = json("m1");
		publisher.deliver("warren.deliveries", "client.c-1", properties, bytes("{}"), outcome("m1"));
		verify(this.channel).basicPublish("warren.deliveries", "client.c-1", false, properties, bytes("{}"));
	}

	private DeliveryPublisher publisher(int maxMessages, Duration linger) {
		return new DeliveryPublisher(this.connection, "test",
				new EntryBatching(STREAM, maxMessages, 1 << 20, linger, this.scheduler));
	}

	private Published publishedEntry() throws Exception {
		ArgumentCaptor<AMQP.BasicProperties> properties = ArgumentCaptor.forClass(AMQP.BasicProperties.class);
		ArgumentCaptor<byte[]> body = ArgumentCaptor.forClass(byte[].class);
		verify(this.channel).basicPublish(eq(""), eq(STREAM), eq(false), properties.capture(), body.capture());
		return new Published(properties.getValue(), body.getValue());
	}

	private ConfirmListener confirmListener() {
		ArgumentCaptor<ConfirmListener> listener = ArgumentCaptor.forClass(ConfirmListener.class);
		verify(this.channel).addConfirmListener(listener.capture());
		return listener.getValue();
	}

	private static AMQP.BasicProperties json(String id) {
		return new AMQP.BasicProperties.Builder().contentType("application/json")
			.headers(Map.of("warren-id", id))
			.build();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
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

	private record Published(AMQP.BasicProperties properties, byte[] body) {
	}

}
