package dev.warren.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.common.WarrenNames;

/**
 * Answers socket-server nodes' requests for every topic rule as publisher-service would
 * when it has none, on this run's RabbitMQ and names: for tests that run a node without
 * publisher-service but with its readiness (which waits for that answer).
 */
public final class TopicRulesResponder implements AutoCloseable {

	private static final byte[] NO_RULES = "{\"clock\":0,\"rules\":[],\"last\":true}".getBytes(StandardCharsets.UTF_8);

	private final Connection connection;

	private TopicRulesResponder(Connection connection) {
		this.connection = connection;
	}

	/**
	 * Starts answering.
	 * @return the responder, to close when the test ends
	 * @throws IOException when RabbitMQ cannot be reached
	 * @throws TimeoutException when RabbitMQ does not answer
	 */
	public static TopicRulesResponder start() throws IOException, TimeoutException {
		RealServices.RabbitEndpoint rabbit = RealServices.rabbit();
		WarrenAmqpProperties names = RealServices.amqpNames();
		Connection connection = rabbit.connectionFactory().newConnection("warren-test-topic-rules");
		Channel channel = connection.createChannel();
		channel.exchangeDeclare(names.deliveriesExchange(), "topic", true);
		channel.queueDeclare(names.topicRuleRequestQueue(), true, false, false, null);
		channel.queueBind(names.topicRuleRequestQueue(), names.deliveriesExchange(),
				WarrenNames.TOPIC_RULES_REQUEST_KEY);
		channel.basicConsume(names.topicRuleRequestQueue(), true, (tag, request) -> {
			String replyTo = request.getProperties().getReplyTo();
			if (replyTo != null && replyTo.startsWith(WarrenNames.NODE_CONTROL_KEY_PREFIX)) {
				channel.basicPublish(names.deliveriesExchange(), replyTo,
						new AMQP.BasicProperties.Builder().correlationId(request.getProperties().getCorrelationId())
							.contentType("application/json")
							.build(),
						NO_RULES);
			}
		}, (tag) -> {
		});
		return new TopicRulesResponder(connection);
	}

	@Override
	public void close() throws IOException {
		this.connection.close();
	}

}
