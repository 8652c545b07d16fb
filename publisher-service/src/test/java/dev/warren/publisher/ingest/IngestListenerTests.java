package dev.warren.publisher.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Envelope;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.amqp.core.Message;

import dev.warren.common.WarrenNames;
import dev.warren.common.history.StreamEntry;
import dev.warren.publisher.delivery.Confirmation;
import dev.warren.publisher.delivery.DeliveryPublisher;
import dev.warren.publisher.encryption.Sealing;
import dev.warren.publisher.monitoring.Warnings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class IngestListenerTests {

	private final DeliveryPublisher publisher = mock(DeliveryPublisher.class);

	private final Channel channel = mock(Channel.class);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final IngestMetrics metrics = new IngestMetrics(this.registry);

	private final IngestListener listener = new IngestListener("default", "warren.ingest", this.publisher,
			new DeliveryStamp("t-"), this.metrics, "warren.deliveries", "warren.ingest.dlq", 16, 32, 250, (topic) -> {
			}, mock(Warnings.class), "warren.deliveries.records", mock(Sealing.class));

	@Test
	void republishesAValidMessageAndAcksOnlyWhenConfirmed() throws Exception {
		this.listener.onMessage(message("client.c-1", "{\"a\":1}", 7), this.channel);
		ArgumentCaptor<AMQP.BasicProperties> properties = ArgumentCaptor.forClass(AMQP.BasicProperties.class);
		ArgumentCaptor<Confirmation> confirmation = ArgumentCaptor.forClass(Confirmation.class);
		verify(this.publisher).deliver(eq("warren.deliveries"), eq("client.c-1"), properties.capture(),
				eq("{\"a\":1}".getBytes(StandardCharsets.UTF_8)), confirmation.capture());
		assertThat(properties.getValue().getHeaders()).containsKeys(WarrenNames.ID_HEADER,
				WarrenNames.PUBLISHED_AT_HEADER, WarrenNames.DESTINATION_HEADER);
		assertThat(properties.getValue().getContentType()).isEqualTo("application/json");
		verify(this.channel, never()).basicAck(eq(7L), anyBoolean());
		confirmation.getValue().confirmed();
		verify(this.channel).basicAck(7, true);
		assertThat(this.registry.get("warren.ingest.messages").counter().count()).isEqualTo(1);
	}

	@Test
	void requeuesWhenTheRepublishIsNotConfirmed() throws Exception {
		this.listener.onMessage(message("broadcast", "{}", 8), this.channel);
		ArgumentCaptor<Confirmation> confirmation = ArgumentCaptor.forClass(Confirmation.class);
		verify(this.publisher).deliver(anyString(), anyString(), any(), any(), confirmation.capture());
		confirmation.getValue().rejected("nack");
		verify(this.channel).basicNack(8, false, true);
		verify(this.channel, never()).basicAck(eq(8L), anyBoolean());
		assertThat(this.registry.get("warren.ingest.requeued").counter().count()).isEqualTo(1);
	}

	@Test
	void deadLettersAnInvalidKeyOnceAndAcksWhenConfirmed() throws Exception {
		this.listener.onMessage(message("client.bad key", "{}", 9), this.channel);
		ArgumentCaptor<AMQP.BasicProperties> properties = ArgumentCaptor.forClass(AMQP.BasicProperties.class);
		ArgumentCaptor<Confirmation> confirmation = ArgumentCaptor.forClass(Confirmation.class);
		verify(this.publisher).publish(eq(""), eq("warren.ingest.dlq"), properties.capture(), any(),
				confirmation.capture());
		verify(this.publisher, never()).deliver(eq("warren.deliveries"), anyString(), any(), any(), any());
		assertThat(properties.getValue().getHeaders()).containsKey(WarrenNames.REASON_HEADER)
			.containsEntry(WarrenNames.ORIGINAL_ROUTING_KEY_HEADER, "client.bad key")
			.containsEntry(WarrenNames.ORIGINAL_QUEUE_HEADER, "warren.ingest");
		confirmation.getValue().confirmed();
		verify(this.channel).basicAck(9, true);
		verify(this.channel, never()).basicNack(9, false, true);
		assertThat(
				this.registry.get("warren.ingest.dead.lettered").tag("reason", "invalid-routing-key").counter().count())
			.isEqualTo(1);
		assertThat(this.registry.get("warren.ingest.messages").counter().count()).isZero();
	}

	@Test
	void deadLettersAnOversizedBody() {
		this.listener.onMessage(message("client.ok", "x".repeat(17), 10), this.channel);
		ArgumentCaptor<Confirmation> confirmation = ArgumentCaptor.forClass(Confirmation.class);
		verify(this.publisher).publish(eq(""), eq("warren.ingest.dlq"), any(), any(), confirmation.capture());
		confirmation.getValue().confirmed();
		assertThat(this.registry.get("warren.ingest.dead.lettered").tag("reason", "body-too-large").counter().count())
			.isEqualTo(1);
	}

	@Test
	void requeuesWhenPublishingThrows() throws Exception {
		willThrow(new IllegalStateException("boom")).given(this.publisher)
			.deliver(anyString(), anyString(), any(), any(), any());
		this.listener.onMessage(message("client.c-1", "{}", 11), this.channel);
		verify(this.channel).basicNack(11, false, true);
	}

	@Test
	void confirmAfterTheConsumerChannelClosedIsDropped() throws Exception {
		willThrow(new IllegalStateException("Channel closed; cannot ack/nack")).given(this.channel).basicAck(12, true);
		this.listener.onMessage(message("client.c-1", "{}", 12), this.channel);
		ArgumentCaptor<Confirmation> confirmation = ArgumentCaptor.forClass(Confirmation.class);
		verify(this.publisher).deliver(anyString(), anyString(), any(), any(), confirmation.capture());
		confirmation.getValue().confirmed();
		// Not counted: the broker redelivers the message to the next consumer.
		assertThat(this.registry.get("warren.ingest.messages").counter().count()).isZero();
	}

	@Test
	void aNewConsumerChannelStartsItsOwnAcks() throws Exception {
		this.listener.onMessage(message("client.c-1", "{}", 1), this.channel);
		this.listener.onMessage(message("client.c-1", "{}", 2), this.channel);
		ArgumentCaptor<Confirmation> confirmation = ArgumentCaptor.forClass(Confirmation.class);
		verify(this.publisher, times(2)).deliver(anyString(), anyString(), any(), any(), confirmation.capture());
		// The container replaced its channel: tags start again at 1 there.
		Channel replacement = mock(Channel.class);
		this.listener.onMessage(message("client.c-1", "{}", 1), replacement);
		verify(this.publisher, times(3)).deliver(anyString(), anyString(), any(), any(), confirmation.capture());
		confirmation.getValue().confirmed();
		verify(replacement).basicAck(1, true);
		verify(this.channel, never()).basicAck(anyLong(), anyBoolean());
	}

	@Test
	void aRecordOperationAlsoGoesToTheLedgerAndIsAckedOnlyWhenBothAreConfirmed() throws Exception {
		this.listener.onMessage(message("client.c-1", "{\"n\":1}", 13, Map.of(WarrenNames.OP_HEADER, "upsert",
				WarrenNames.COLLECTION_HEADER, "people", WarrenNames.KEY_HEADER, "p-1")), this.channel);
		ArgumentCaptor<Confirmation> delivery = ArgumentCaptor.forClass(Confirmation.class);
		ArgumentCaptor<Confirmation> ledger = ArgumentCaptor.forClass(Confirmation.class);
		ArgumentCaptor<AMQP.BasicProperties> ledgerProperties = ArgumentCaptor.forClass(AMQP.BasicProperties.class);
		verify(this.publisher).deliver(eq("warren.deliveries"), eq("client.c-1"), any(), any(), delivery.capture());
		verify(this.publisher).publish(eq(""), eq("warren.deliveries.records"), ledgerProperties.capture(),
				eq(new byte[0]), ledger.capture());
		assertThat(ledgerProperties.getValue().getHeaders()).containsEntry("warren-scope", "client.c-1")
			.containsEntry(WarrenNames.OP_HEADER, "upsert")
			.containsEntry(WarrenNames.KEY_HEADER, "p-1")
			.containsKey("warren-body-sha256");
		delivery.getValue().confirmed();
		verify(this.channel, never()).basicAck(eq(13L), anyBoolean());
		ledger.getValue().confirmed();
		verify(this.channel).basicAck(13, true);
	}

	@Test
	void aRecordOperationWhoseLedgerCopyIsRejectedIsRequeued() throws Exception {
		this.listener.onMessage(message("broadcast", "{}", 14,
				Map.of(WarrenNames.OP_HEADER, "clear", WarrenNames.COLLECTION_HEADER, "people")), this.channel);
		ArgumentCaptor<Confirmation> delivery = ArgumentCaptor.forClass(Confirmation.class);
		ArgumentCaptor<Confirmation> ledger = ArgumentCaptor.forClass(Confirmation.class);
		verify(this.publisher).deliver(anyString(), anyString(), any(), any(), delivery.capture());
		verify(this.publisher).publish(anyString(), anyString(), any(), any(), ledger.capture());
		ledger.getValue().rejected("nack");
		delivery.getValue().confirmed();
		verify(this.channel).basicNack(14, false, true);
		verify(this.channel, never()).basicAck(eq(14L), anyBoolean());
	}

	@Test
	void deadLettersAnInvalidRecordOperation() throws Exception {
		this.listener.onMessage(
				message("client.c-1", "{}", 15,
						Map.of(WarrenNames.OP_HEADER, "upsert", WarrenNames.COLLECTION_HEADER, "people")),
				this.channel);
		ArgumentCaptor<AMQP.BasicProperties> properties = ArgumentCaptor.forClass(AMQP.BasicProperties.class);
		verify(this.publisher).publish(eq(""), eq("warren.ingest.dlq"), properties.capture(), any(), any());
		verify(this.publisher, never()).deliver(eq("warren.deliveries"), anyString(), any(), any(), any());
		assertThat(properties.getValue().getHeaders().get(WarrenNames.REASON_HEADER).toString()).contains("warren-key");
	}

	@Test
	void aProducersOwnEntryCountIsNotPassedOn() throws Exception {
		this.listener.onMessage(message("client.c-1", "{}", 15, Map.of(StreamEntry.COUNT_HEADER, 3, "trace", "t-1")),
				this.channel);
		ArgumentCaptor<AMQP.BasicProperties> properties = ArgumentCaptor.forClass(AMQP.BasicProperties.class);
		verify(this.publisher).deliver(anyString(), anyString(), properties.capture(), any(), any());
		assertThat(properties.getValue().getHeaders()).doesNotContainKey(StreamEntry.COUNT_HEADER).containsKey("trace");
	}

	@Test
	void countersStartAtZero() {
		assertThat(this.registry.get("warren.ingest.messages").counter().count()).isZero();
		assertThat(this.registry.get("warren.ingest.dead.lettered").counters())
			.hasSize(DeadLetterReason.values().length);
	}

	private static Message message(String routingKey, String body, long deliveryTag) {
		return message(routingKey, body, deliveryTag, null);
	}

	private static Message message(String routingKey, String body, long deliveryTag, Map<String, Object> headers) {
		AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
			.headers(headers)
			.build();
		Envelope envelope = new Envelope(deliveryTag, false, "warren.ingest", routingKey);
		return new Message(body.getBytes(StandardCharsets.UTF_8),
				new ReceivedPropertiesConverter().toMessageProperties(properties, envelope, "UTF-8"));
	}

}
