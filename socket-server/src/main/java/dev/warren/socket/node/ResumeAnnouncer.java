package dev.warren.socket.node;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;

import dev.warren.common.WarrenNames;
import dev.warren.socket.drain.DrainStep;
import dev.warren.socket.hub.Hub;

/**
 * The drain's first step on the history stream: stop reading it, so the hub's last
 * position is final, then tell every node where this node's subscriptions resume
 * ({@code control.resume}, in pages, each confirmed by RabbitMQ), before the sessions are
 * closed. A client that reconnects elsewhere without {@code warren-since} is then sent
 * what was published while it moved.
 */
final class ResumeAnnouncer implements DrainStep {

	private static final Logger logger = LoggerFactory.getLogger(ResumeAnnouncer.class);

	private static final int PAGE_SIZE = 1_000;

	private static final long CONFIRM_TIMEOUT_MILLIS = 5_000;

	private final NodeQueue queue;

	private final SimpleMessageListenerContainer container;

	private final Hub hub;

	private final RabbitTemplate rabbit;

	private final JsonMapper json = JsonMapper.builder().build();

	ResumeAnnouncer(NodeQueue queue, SimpleMessageListenerContainer container, Hub hub, RabbitTemplate rabbit) {
		this.queue = queue;
		this.container = container;
		this.hub = hub;
		this.rabbit = rabbit;
	}

	@Override
	public void beforeClosing() {
		if (!this.queue.readsStream()) {
			return;
		}
		this.container.stop();
		String position = this.hub.headPosition();
		List<String[]> keys = this.hub.subscriptionKeys();
		if (position == null || keys.isEmpty()) {
			logger.atInfo()
				.addKeyValue("subscriptions", keys.size())
				.log("No resume positions to announce: {} ({} sessions)",
						(position == null) ? "nothing delivered yet" : "no subscriptions", this.hub.size());
			return;
		}
		int sent = 0;
		try {
			for (int from = 0; from < keys.size(); from += PAGE_SIZE) {
				List<String[]> page = keys.subList(from, Math.min(keys.size(), from + PAGE_SIZE));
				send(position, page);
				sent += page.size();
			}
			logger.atInfo()
				.addKeyValue("subscriptions", sent)
				.addKeyValue("position", position)
				.log("Resume positions announced");
		}
		catch (AmqpException | ExecutionException | TimeoutException ex) {
			logger.atWarn()
				.addKeyValue("announced", sent)
				.addKeyValue("subscriptions", keys.size())
				.log("Could not announce every resume position: {}", ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void send(String position, List<String[]> page)
			throws ExecutionException, TimeoutException, InterruptedException {
		List<List<String>> subscriptions = new ArrayList<>(page.size());
		for (String[] key : page) {
			subscriptions.add(List.of(key[0], key[1]));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("position", position);
		body.put("subscriptions", subscriptions);
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setContentEncoding(StandardCharsets.UTF_8.name());
		CorrelationData confirm = new CorrelationData();
		this.rabbit.send(this.queue.exchange(), WarrenNames.RESUME_KEY,
				new Message(this.json.writeValueAsBytes(body), properties), confirm);
		CorrelationData.Confirm answer = confirm.getFuture().get(CONFIRM_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
		if (!answer.ack()) {
			throw new ExecutionException(new IllegalStateException("not confirmed: " + answer.reason()));
		}
	}

}
