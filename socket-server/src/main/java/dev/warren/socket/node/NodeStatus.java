package dev.warren.socket.node;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import dev.warren.common.WarrenNames;
import dev.warren.socket.hub.Hub;
import dev.warren.socket.monitor.NodeWarnings;

/**
 * Announces this node every few seconds on {@code control.node-status.<nodeId>}, for
 * publisher-service's views (live subscribers per topic, the nodes that run):
 * {@code {"node":…,"url":…,"startedAt":…,"connections":…,"subscriptions":…,"topics":{name:count},}
 * {@code
 * "messagesIn":…,"messagesOut":…,"dropped":…,"p99Ms":…,"warnings":[…],"warningsDropped":…}}
 * (counters since the node started, the p99 since the last announcement, the warnings
 * noticed since then). Nodes do not bind that key, so only publisher-service receives it.
 * A warning sent in an announcement the broker did not take is not sent again.
 */
final class NodeStatus {

	private static final Logger logger = LoggerFactory.getLogger(NodeStatus.class);

	private final Hub hub;

	private final RabbitTemplate rabbit;

	private final NodeQueue queue;

	private final JsonMapper json;

	private final Instant startedAt = Instant.now();

	private final String publicUrl;

	private final NodeCounters counters;

	private final NodeWarnings warnings;

	NodeStatus(Hub hub, RabbitTemplate rabbit, NodeQueue queue, String publicUrl, JsonMapper json,
			NodeCounters counters, NodeWarnings warnings) {
		this.counters = counters;
		this.warnings = warnings;
		this.publicUrl = publicUrl.isEmpty() ? null : publicUrl;
		this.hub = hub;
		this.rabbit = rabbit;
		this.queue = queue;
		this.json = json;
	}

	void announce() {
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("node", this.queue.nodeId());
		status.put("url", this.publicUrl);
		status.put("startedAt", this.startedAt.toString());
		status.put("connections", this.hub.size());
		status.put("subscriptions", this.hub.subscriptions());
		status.put("topics", this.hub.topicSubscribers());
		status.put("messagesIn", this.counters.messagesIn());
		status.put("messagesOut", this.counters.messagesOut());
		status.put("dropped", this.counters.dropped());
		status.put("p99Ms", this.counters.p99SinceLastCall());
		status.put("warnings", this.warnings.drain());
		status.put("warningsDropped", this.warnings.drainDropped());
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		try {
			this.rabbit.send(this.queue.exchange(), WarrenNames.NODE_STATUS_KEY_PREFIX + this.queue.nodeId(),
					new Message(this.json.writeValueAsBytes(status), properties));
		}
		catch (AmqpException ex) {
			// The broker is away: the next announcement will do.
			logger.atDebug().log("Node status not announced: {}", ex.toString());
		}
	}

}
