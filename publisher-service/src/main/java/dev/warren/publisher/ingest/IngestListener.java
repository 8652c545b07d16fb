package dev.warren.publisher.ingest;

import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import com.macasaet.fernet.Key;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

import dev.warren.common.RoutingKey;
import dev.warren.publisher.delivery.Confirmation;
import dev.warren.publisher.delivery.DeliveryPublisher;
import dev.warren.publisher.delivery.JointConfirmation;
import dev.warren.publisher.encryption.Sealing;
import dev.warren.publisher.monitoring.Warnings;
import dev.warren.publisher.record.LedgerEntry;

/**
 * Consumes one rabbit channel's queue: stamps each valid message and republishes it to
 * the deliveries exchange, dead-letters each invalid one, and acks the original only once
 * the broker confirmed where it went.
 * <p>
 * It runs on the consumer's only thread and never waits for a confirm: acks are sent from
 * the confirm callbacks ({@link PendingAck}), batched per consumer channel
 * ({@link ConsumerAcks}), and the prefetch bounds how many messages are in flight. Every
 * delivery is answered, ack or nack, so none stays unacked.
 */
final class IngestListener implements ChannelAwareMessageListener {

	private static final Logger log = LoggerFactory.getLogger(IngestListener.class);

	private final String channelName;

	private final String queue;

	private final DeliveryPublisher publisher;

	private final DeliveryStamp stamp;

	private final IngestMetrics metrics;

	private final String deliveriesExchange;

	private final String deadLetterQueue;

	private final int maxBodyBytes;

	private final int ackBatch;

	private final int prefetch;

	private final TopicSightings sightings;

	private final Warnings warnings;

	private final String recordsQueue;

	private final Sealing sealing;

	// The consumer channel's acks; replaced when the container opens a new channel (tags
	// restart there). Touched by the consumer's thread only.
	private @Nullable ConsumerAcks acks;

	IngestListener(String channelName, String queue, DeliveryPublisher publisher, DeliveryStamp stamp,
			IngestMetrics metrics, String deliveriesExchange, String deadLetterQueue, int maxBodyBytes, int ackBatch,
			int prefetch, TopicSightings sightings, Warnings warnings, String recordsQueue, Sealing sealing) {
		this.sealing = sealing;
		this.warnings = warnings;
		this.recordsQueue = recordsQueue;
		this.channelName = channelName;
		this.queue = queue;
		this.publisher = publisher;
		this.stamp = stamp;
		this.metrics = metrics;
		this.deliveriesExchange = deliveriesExchange;
		this.deadLetterQueue = deadLetterQueue;
		this.maxBodyBytes = maxBodyBytes;
		this.ackBatch = ackBatch;
		this.prefetch = prefetch;
		this.sightings = sightings;
	}

	@Override
	public void onMessage(Message message, @Nullable Channel channel) {
		if (channel == null) {
			throw new IllegalStateException("The ingest listener needs a channel to ack on");
		}
		ReceivedProperties properties = (ReceivedProperties) message.getMessageProperties();
		long deliveryTag = properties.getDeliveryTag();
		ConsumerAcks acks = acksOf(channel);
		acks.received(deliveryTag);
		try {
			byte[] body = message.getBody();
			String routingKey = properties.getReceivedRoutingKey();
			IngestDecision decision = IngestDecision.decide(routingKey, body, properties.original().getContentType(),
					properties.original().getHeaders(), this.maxBodyBytes);
			if (decision.accepted()) {
				republish(properties, body, decision, new PendingAck(acks, deliveryTag, this.metrics.republished()));
			}
			else {
				deadLetter(properties, body, routingKey, decision, acks);
			}
		}
		catch (RuntimeException ex) {
			// Never leave a delivery unanswered: an unacked message would sit on this
			// channel until it closes.
			log.atError()
				.setCause(ex)
				.addKeyValue("warren.channel", this.channelName)
				.log("ingest failed, message requeued");
			acks.requeue(deliveryTag);
		}
	}

	/**
	 * Republishes an accepted message to its destination, sealed when it is for an
	 * encrypted client, or as one sealed copy per member of an encrypted topic, plus the
	 * ledger's copy of a record operation: all on one channel, in this order, acked
	 * together.
	 */
	private void republish(ReceivedProperties properties, byte[] body, IngestDecision decision, Confirmation acked) {
		RoutingKey key = decision.routingKey();
		AMQP.BasicProperties stamped = this.stamp.delivery(properties.original(), key, System.currentTimeMillis());
		Set<String> members = (key.kind() == RoutingKey.Kind.TOPIC) ? this.sealing.membersOf(key.name()) : null;
		SortedMap<String, Key> sealedFor = (members != null) ? withKeys(members) : null;
		int parts = ((sealedFor != null) ? sealedFor.size() : 1) + ((decision.record() != null) ? 1 : 0);
		if (parts == 0) {
			// An encrypted topic none of whose members has a key: nobody may read it.
			acked.confirmed();
			return;
		}
		Confirmation ack = (parts > 1) ? new JointConfirmation(acked, parts) : acked;
		if (sealedFor != null) {
			sealedFor.forEach((member, memberKey) -> this.publisher.deliver(this.deliveriesExchange,
					RoutingKey.client(member).deliveryKey(), Sealing.markForMember(stamped, member),
					Sealing.seal(memberKey, body), ack));
		}
		else {
			Key clientKey = (key.kind() == RoutingKey.Kind.CLIENT) ? this.sealing.keyOf(key.name()) : null;
			// Sealed before it leaves: neither RabbitMQ, the history nor a node holds the
			// clear text of an encrypted client's message.
			this.publisher.deliver(this.deliveriesExchange, key.deliveryKey(),
					(clientKey != null) ? Sealing.mark(stamped) : stamped,
					(clientKey != null) ? Sealing.seal(clientKey, body) : body, ack);
		}
		if (decision.record() != null) {
			// Right after the delivery on the same channel: the ledger sees record
			// operations in delivery order.
			this.publisher.publish("", this.recordsQueue, LedgerEntry.properties(stamped, key, decision.record(), body),
					LedgerEntry.NO_BODY, ack);
		}
		if (key.kind() == RoutingKey.Kind.TOPIC) {
			this.sightings.seen(key.name());
		}
	}

	/**
	 * The members of an encrypted topic that have a key, with it, in a stable order; the
	 * others get none of its messages (they could not read them). Each key is looked up
	 * once, so a key removed meanwhile cannot change the count of copies.
	 */
	private SortedMap<String, Key> withKeys(Set<String> members) {
		SortedMap<String, Key> sealedFor = new TreeMap<>();
		for (String member : members) {
			Key memberKey = this.sealing.keyOf(member);
			if (memberKey != null) {
				sealedFor.put(member, memberKey);
			}
		}
		return sealedFor;
	}

	private ConsumerAcks acksOf(Channel channel) {
		ConsumerAcks current = this.acks;
		if (current == null || !current.isFor(channel)) {
			current = new ConsumerAcks(channel, this.ackBatch, this.prefetch, this.metrics.requeued());
			this.acks = current;
		}
		return current;
	}

	private void deadLetter(ReceivedProperties properties, byte[] body, String routingKey, IngestDecision decision,
			ConsumerAcks acks) {
		DeadLetterReason reason = decision.reason();
		log.atWarn()
			.addKeyValue("warren.channel", this.channelName)
			.addKeyValue("warren.routing_key", routingKey)
			.addKeyValue("warren.bytes", body.length)
			.log("message dead-lettered: {}", decision.detail());
		this.warnings.record(Warnings.PUBLISHER, null, "dead-letter",
				"from rabbit channel " + this.channelName + ", routing key '" + routingKey + "': " + decision.detail());
		AMQP.BasicProperties rejected = DeliveryStamp.deadLetter(properties.original(), routingKey, this.queue,
				decision.detail());
		// Through the default exchange straight to the queue; acked once confirmed, so
		// the message is moved exactly once and never requeued in a loop.
		this.publisher.publish("", this.deadLetterQueue, rejected, body,
				new PendingAck(acks, properties.getDeliveryTag(), this.metrics.deadLettered(reason)));
	}

}
