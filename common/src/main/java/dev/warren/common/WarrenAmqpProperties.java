package dev.warren.common;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Names of Warren's exchanges and queues, bound from {@code warren.amqp.*}. The defaults
 * are the names of the contract; an installation (or a test run sharing a broker) may
 * rename them.
 *
 * @param ingestExchange exchange producers publish to (a fanout on RabbitMQ)
 * @param ingestQueue queue of the default rabbit channel
 * @param deadLetterQueue queue that receives rejected ingest messages
 * @param deliveriesExchange topic exchange socket-server nodes bind their queues to
 * @param nodeQueuePrefix prefix of each socket-server node's own queue
 */
@ConfigurationProperties("warren.amqp")
public record WarrenAmqpProperties(@DefaultValue(WarrenNames.INGEST_EXCHANGE) String ingestExchange,
		@DefaultValue(WarrenNames.INGEST_QUEUE) String ingestQueue,
		@DefaultValue(WarrenNames.DEAD_LETTER_QUEUE) String deadLetterQueue,
		@DefaultValue(WarrenNames.DELIVERIES_EXCHANGE) String deliveriesExchange,
		@DefaultValue(WarrenNames.NODE_QUEUE_PREFIX) String nodeQueuePrefix) {

	/**
	 * The topic exchange that rabbit channels bound to the ingest exchange with a key
	 * other than {@code #} take their messages from, where the ingest exchange is a
	 * fanout: it is bound to the ingest exchange and matches their keys. Declared only
	 * when such a channel exists, so the ingest hop pays for key matching only then.
	 * @return the ingest exchange's name plus {@code .routed}
	 */
	public String ingestRoutedExchange() {
		return this.ingestExchange + WarrenNames.INGEST_ROUTED_SUFFIX;
	}

	/**
	 * The queue publisher-service takes topic-rule requests from: named after the
	 * deliveries exchange, so an installation that renames one renames both.
	 * @return the queue's name
	 */
	public String topicRuleRequestQueue() {
		return this.deliveriesExchange + ".rule-requests";
	}

	/**
	 * The durable queue of record operations (each accepted message with a
	 * {@code warren-op}) that publisher-service keeps its record ledger from.
	 * @return the deliveries exchange's name plus {@code .records}
	 */
	public String recordsQueue() {
		return this.deliveriesExchange + ".records";
	}

	/**
	 * The RabbitMQ stream that keeps the recent deliveries, bound to the deliveries
	 * exchange with {@code #}: named after the exchange like the request queue.
	 * @return the stream's name
	 */
	public String historyStream() {
		return this.deliveriesExchange + WarrenNames.HISTORY_STREAM_SUFFIX;
	}

	/**
	 * The contract's names.
	 * @return properties holding the defaults
	 */
	public static WarrenAmqpProperties defaults() {
		return new WarrenAmqpProperties(WarrenNames.INGEST_EXCHANGE, WarrenNames.INGEST_QUEUE,
				WarrenNames.DEAD_LETTER_QUEUE, WarrenNames.DELIVERIES_EXCHANGE, WarrenNames.NODE_QUEUE_PREFIX);
	}

}
