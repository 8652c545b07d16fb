package dev.warren.publisher.channel;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.publisher.web.InvalidFieldException;

/**
 * Keeps rabbit channels off what Warren itself publishes and consumes. A channel bound to
 * the deliveries exchange would take every delivery back into ingest, which publishes it
 * again (one message became thousands within seconds); one on the dead-letter queue would
 * re-ingest rejected messages under their routing key, and one on a node's queue would
 * take that node's deliveries away from its clients.
 */
final class ReservedNames {

	private final WarrenAmqpProperties names;

	ReservedNames(WarrenAmqpProperties names) {
		this.names = names;
	}

	/**
	 * Refuses a channel on Warren's own queues or on its deliveries exchange.
	 * @param queue the channel's queue
	 * @param exchange the exchange it would bind to
	 * @throws InvalidFieldException naming the field and why
	 */
	void check(String queue, String exchange) {
		if (queue.equals(this.names.ingestQueue())) {
			throw new InvalidFieldException("queue",
					"'" + queue + "' is the default rabbit channel's queue (GET /v1/create-rabbit-ch)");
		}
		if (queue.equals(this.names.deadLetterQueue())) {
			throw new InvalidFieldException("queue",
					"'" + queue + "' holds the messages ingest rejected; " + "consuming it would ingest them again");
		}
		if (queue.startsWith(this.names.nodeQueuePrefix())) {
			throw new InvalidFieldException("queue",
					"names starting with '" + this.names.nodeQueuePrefix() + "' are socket-server nodes' queues");
		}
		if (queue.startsWith(this.names.deliveriesExchange() + ".")) {
			throw new InvalidFieldException("queue", "names starting with '" + this.names.deliveriesExchange()
					+ ".' are Warren's own (the history stream, the topic-rule requests)");
		}
		if (exchange.equals(this.names.deliveriesExchange())) {
			throw new InvalidFieldException("exchange", "'" + exchange
					+ "' carries what publisher-service publishes to the nodes; consuming it would loop");
		}
	}

}
