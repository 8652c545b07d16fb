package dev.warren.publisher.topic;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.transaction.support.TransactionOperations;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.common.WarrenNames;

/**
 * Tells the nodes the topic rules: each change to every node
 * ({@code control.topic-rule}), and every rule to a node that asks
 * ({@code control.topic-rules-request}, answered on its {@code reply-to} in pages of
 * {@value #PAGE_SIZE}, the last marked {@code "last":true}). Both wait for the broker's
 * confirm. A node repeats its request under the same id while it waits, and the repeats
 * pile up in the queue while no instance runs: an id answered in the last
 * {@value #REPEAT_WINDOW_MILLIS} ms on this instance is not answered again.
 */
class TopicRules implements MessageListener {

	private static final Logger logger = LoggerFactory.getLogger(TopicRules.class);

	static final int PAGE_SIZE = 200;

	static final long REPEAT_WINDOW_MILLIS = 60_000;

	/**
	 * Requests answered lately: reply key and id, to when. Only the consumer touches it.
	 */
	private final Map<String, Long> answered = new HashMap<>();

	private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

	private final RabbitTemplate rabbit;

	private final WarrenAmqpProperties names;

	private final TopicRepository topics;

	private final TransactionOperations readOnly;

	private final JsonMapper json;

	TopicRules(RabbitTemplate rabbit, WarrenAmqpProperties names, TopicRepository topics,
			TransactionOperations readOnly, JsonMapper json) {
		this.rabbit = rabbit;
		this.names = names;
		this.topics = topics;
		this.readOnly = readOnly;
		this.json = json;
	}

	/**
	 * Announces a rule to every node and waits for the broker's confirm.
	 * @param rule the rule
	 * @throws org.springframework.amqp.AmqpException when the broker refuses or does not
	 * confirm in time
	 */
	void announce(TopicRule rule) {
		send(List.of(new Outgoing(WarrenNames.TOPIC_RULE_KEY, null, this.json.writeValueAsBytes(rule))));
	}

	/** A node's request for every rule. */
	@Override
	public void onMessage(Message request) {
		String replyTo = request.getMessageProperties().getReplyTo();
		if (replyTo == null || !replyTo.startsWith(WarrenNames.NODE_CONTROL_KEY_PREFIX)) {
			logger.atWarn().addKeyValue("replyTo", replyTo).log("Topic rules request without a node's key dropped");
			return;
		}
		String correlation = request.getMessageProperties().getCorrelationId();
		long now = System.currentTimeMillis();
		this.answered.values().removeIf((at) -> now - at > REPEAT_WINDOW_MILLIS);
		String answer = replyTo + " " + correlation;
		if (this.answered.containsKey(answer)) {
			return;
		}
		Snapshot snapshot = this.readOnly.execute((status) -> new Snapshot(this.topics.ruleClock(),
				this.topics.findByRuleVersionGreaterThanOrderByName(0).stream().map(Topic::rule).toList()));
		List<TopicRule> rules = snapshot.rules();
		List<Outgoing> pages = new ArrayList<>();
		for (int from = 0; from == 0 || from < rules.size(); from += PAGE_SIZE) {
			int to = Math.min(from + PAGE_SIZE, rules.size());
			Map<String, Object> page = new LinkedHashMap<>();
			page.put("clock", snapshot.clock());
			page.put("rules", rules.subList(from, to));
			page.put("last", to == rules.size());
			pages.add(new Outgoing(replyTo, correlation, this.json.writeValueAsBytes(page)));
		}
		send(pages);
		this.answered.put(answer, now);
		logger.atInfo()
			.addKeyValue("node", replyTo.substring(WarrenNames.NODE_CONTROL_KEY_PREFIX.length()))
			.addKeyValue("topics", rules.size())
			.log("Topic rules sent");
	}

	/** On one channel, so the pages arrive in order. */
	private void send(List<Outgoing> messages) {
		this.rabbit.invoke((operations) -> {
			for (Outgoing outgoing : messages) {
				MessageProperties properties = new MessageProperties();
				properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
				properties.setContentEncoding(StandardCharsets.UTF_8.name());
				if (outgoing.correlation() != null) {
					properties.setCorrelationId(outgoing.correlation());
				}
				operations.send(this.names.deliveriesExchange(), outgoing.routingKey(),
						new Message(outgoing.body(), properties));
			}
			operations.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
			return null;
		});
	}

	private record Snapshot(long clock, List<TopicRule> rules) {
	}

	private record Outgoing(String routingKey, String correlation, byte[] body) {
	}

}
