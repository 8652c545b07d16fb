package dev.warren.publisher.ingest;

import org.springframework.amqp.core.AbstractExchange;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.TopicExchange;

/**
 * The exchange producers publish to, as this installation declares it.
 * <p>
 * On RabbitMQ a fanout: the default channel's queue takes every message, and a topic
 * exchange matched each routing key against {@code #} for nothing, at 12–19 µs of broker
 * CPU per message on RabbitMQ 3.10. Channels that take only some keys are bound to the
 * routed topic exchange behind it. On the embedded broker, which cannot bind an exchange
 * to another, a topic exchange as before. Producers publish the same way to either.
 *
 * @param name the exchange's name
 * @param fanout whether it is a fanout rather than a topic exchange
 */
public record IngestExchange(String name, boolean fanout) {

	/**
	 * The exchange to declare. A broker where an earlier Warren declared it as a topic
	 * exchange refuses a fanout of the same name ({@code PRECONDITION_FAILED}, which the
	 * admin logs as a warning): the topic exchange is then used as it is and works the
	 * same with the default channel's {@code #} binding, at the higher cost
	 * ({@code docs/operations.md} says how to switch).
	 * @return the declarable
	 */
	public AbstractExchange declarable() {
		AbstractExchange exchange = this.fanout ? new FanoutExchange(this.name, true, false)
				: new TopicExchange(this.name, true, false);
		exchange.setIgnoreDeclarationExceptions(true);
		return exchange;
	}

}
