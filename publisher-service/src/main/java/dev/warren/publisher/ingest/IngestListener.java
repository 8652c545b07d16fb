package dev.warren.publisher.ingest;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

import dev.warren.publisher.delivery.DeliveryPublisher;

/**
 * Consumes one rabbit channel's queue: stamps each valid message and republishes it to
 * the deliveries exchange, dead-letters each invalid one, and acks the original only once
 * the broker confirmed where it went.
 * <p>
 * It runs on the consumer's only thread and never waits for a confirm: acks are sent from
 * the confirm callbacks ({@link PendingAck}), and the prefetch bounds how many messages
 * are in flight. Every delivery is answered, ack or nack, so none stays unacked.
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

	IngestListener(String channelName, String queue, DeliveryPublisher publisher, DeliveryStamp stamp,
			IngestMetrics metrics, String deliveriesExchange, String deadLetterQueue, int maxBodyBytes) {
		this.channelName = channelName;
		this.queue = queue;
		this.publisher = publisher;
		this.stamp = stamp;
		this.metrics = metrics;
		this.deliveriesExchange = deliveriesExchange;
		this.deadLetterQueue = deadLetterQueue;
		this.maxBodyBytes = maxBodyBytes;
	}

	@Override
	public void onMessage(Message message, @Nullable Channel channel) {
		if (channel == null) {
			throw new IllegalStateException("The ingest listener needs a channel to ack on");
		}
		ReceivedProperties properties = (ReceivedProperties) message.getMessageProperties();
		long deliveryTag = properties.getDeliveryTag();
		try {
			byte[] body = message.getBody();
			String routingKey = properties.getReceivedRoutingKey();
			IngestDecision decision = IngestDecision.decide(routingKey, body.length, this.maxBodyBytes);
			if (decision.accepted()) {
				AMQP.BasicProperties stamped = this.stamp.delivery(properties.original(), decision.routingKey(),
						System.currentTimeMillis());
				this.publisher.publish(this.deliveriesExchange, decision.routingKey().deliveryKey(), stamped, body,
						new PendingAck(channel, deliveryTag, this.metrics.republished(), this.metrics.requeued()));
			}
			else {
				deadLetter(properties, body, routingKey, decision, channel);
			}
		}
		catch (RuntimeException ex) {
			// Never leave a delivery unanswered: an unacked message would sit on this
			// channel until it closes.
			log.atError()
				.setCause(ex)
				.addKeyValue("warren.channel", this.channelName)
				.log("ingest failed, message requeued");
			PendingAck.requeue(channel, deliveryTag, this.metrics.requeued());
		}
	}

	private void deadLetter(ReceivedProperties properties, byte[] body, String routingKey, IngestDecision decision,
			Channel channel) {
		DeadLetterReason reason = decision.reason();
		log.atWarn()
			.addKeyValue("warren.channel", this.channelName)
			.addKeyValue("warren.routing_key", routingKey)
			.addKeyValue("warren.bytes", body.length)
			.log("message dead-lettered: {}", decision.detail());
		AMQP.BasicProperties rejected = DeliveryStamp.deadLetter(properties.original(), routingKey, this.queue,
				decision.detail());
		// Through the default exchange straight to the queue; acked once confirmed, so
		// the message is moved exactly once and never requeued in a loop.
		this.publisher.publish("", this.deadLetterQueue, rejected, body, new PendingAck(channel,
				properties.getDeliveryTag(), this.metrics.deadLettered(reason), this.metrics.requeued()));
	}

}
