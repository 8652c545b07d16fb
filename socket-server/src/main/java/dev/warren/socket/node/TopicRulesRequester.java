package dev.warren.socket.node;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.ConsumeOkEvent;
import org.springframework.context.ApplicationListener;

import dev.warren.common.WarrenNames;
import dev.warren.socket.hub.Hub;
import dev.warren.socket.hub.TopicRule;

/**
 * Asks publisher-service for every topic rule whenever the node queue's consumer
 * (re)starts: at start-up the node has none, and after a broker outage its new queue
 * missed what was announced meanwhile. The answer arrives on the node queue, in pages, in
 * order with the deliveries. Until the first answer is complete the hub refuses topic
 * subscriptions and readiness is down; while it waits, the request is repeated under the
 * same id (the broker keeps requests for publisher-service, which may not have started
 * yet, and it answers an id once). No per-message TTL: the embedded broker reads
 * {@code expiration} as a point in time, RabbitMQ as a duration.
 */
final class TopicRulesRequester implements ApplicationListener<ConsumeOkEvent> {

	private static final Logger logger = LoggerFactory.getLogger(TopicRulesRequester.class);

	private final RabbitTemplate rabbit;

	private final NodeQueue queue;

	private final Hub hub;

	private final Executor executor;

	private volatile String pending;

	/** Topics of the answer being received; only touched on the node queue's consumer. */
	private Set<String> received = new HashSet<>();

	/** The request {@link #received} answers. */
	private String receivedFor;

	private volatile long lastPageAt;

	TopicRulesRequester(RabbitTemplate rabbit, NodeQueue queue, Hub hub, Executor executor) {
		this.rabbit = rabbit;
		this.queue = queue;
		this.hub = hub;
		this.executor = executor;
	}

	/** The routing key this node's answers arrive with. */
	String replyKey() {
		return WarrenNames.NODE_CONTROL_KEY_PREFIX + this.queue.name();
	}

	@Override
	public void onApplicationEvent(ConsumeOkEvent event) {
		if (this.queue.source().equals(event.getQueue())) {
			// Not on the AMQP connection's thread, which must not wait for the broker.
			this.executor.execute(() -> request(UUID.randomUUID().toString()));
		}
	}

	/** Repeats the request while the node has no complete set and no page came lately. */
	void retryIfWaiting(long quietMillis) {
		if (!this.hub.hasTopicRules() && System.currentTimeMillis() - this.lastPageAt > quietMillis) {
			String pending = this.pending;
			request((pending != null) ? pending : UUID.randomUUID().toString());
		}
	}

	private void request(String id) {
		MessageProperties properties = new MessageProperties();
		properties.setReplyTo(replyKey());
		properties.setCorrelationId(id);
		this.pending = id;
		try {
			this.rabbit.send(this.queue.exchange(), WarrenNames.TOPIC_RULES_REQUEST_KEY,
					new Message(new byte[0], properties));
			logger.atDebug().addKeyValue("request", id).log("Topic rules requested");
		}
		catch (AmqpException ex) {
			logger.atWarn().log("Could not ask for the topic rules, will retry: {}", ex.toString());
		}
	}

	/**
	 * One page of an answer.
	 * @param correlationId the request it answers
	 * @param clock the version the rules were read at
	 * @param rules the page's rules
	 * @param last whether it is the answer's last page
	 */
	void page(String correlationId, long clock, Iterable<TopicRule> rules, boolean last) {
		if (correlationId == null || !correlationId.equals(this.pending)) {
			return;
		}
		this.lastPageAt = System.currentTimeMillis();
		if (!correlationId.equals(this.receivedFor)) {
			// Pages of an earlier request, cut short by a reconnect, say nothing here.
			this.received = new HashSet<>();
			this.receivedFor = correlationId;
		}
		for (TopicRule rule : rules) {
			this.received.add(rule.topic());
			this.hub.apply(rule);
		}
		if (last) {
			this.hub.topicRulesComplete(clock, this.received);
			logger.atInfo().addKeyValue("topics", this.received.size()).log("Topic rules received");
			this.received = new HashSet<>();
			this.receivedFor = null;
			this.pending = null;
		}
	}

}
