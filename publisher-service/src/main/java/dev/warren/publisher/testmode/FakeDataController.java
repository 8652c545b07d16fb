package dev.warren.publisher.testmode;

import java.time.Clock;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.warren.common.ChannelName;
import dev.warren.common.RoutingKey;
import dev.warren.common.WarrenAmqpProperties;
import dev.warren.publisher.web.InvalidFieldException;

/**
 * Test mode only ({@code WARREN_TEST_MODE=true}): publishes fake messages into the ingest
 * exchange, so they travel the whole path. Without test mode the endpoint does not exist.
 */
@RestController
@ConditionalOnBooleanProperty("warren.test-mode")
class FakeDataController {

	private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(30);

	private final RabbitTemplate rabbit;

	private final WarrenAmqpProperties names;

	private final FakeMessages messages;

	FakeDataController(RabbitTemplate rabbit, WarrenAmqpProperties names, JsonMapper json, Clock clock) {
		this.rabbit = rabbit;
		this.names = names;
		this.messages = new FakeMessages(json, clock);
	}

	/**
	 * Publishes {@code count} messages and answers once the broker confirmed them all.
	 * @param count how many, 1 to 10000
	 * @param topic sends to {@code topic.<topic>} when given
	 * @param clientId sends to {@code client.<clientId>} when given (wins over topic)
	 * @return how many were published, and with which routing key
	 */
	@GetMapping("/v1/publish-data-over-ch")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Published publish(@RequestParam(defaultValue = "10") @Min(1) @Max(10_000) int count,
			@RequestParam(required = false) String topic, @RequestParam(required = false) String clientId) {
		String routingKey = routingKey(topic, clientId).deliveryKey();
		this.rabbit.invoke((operations) -> {
			for (int i = 1; i <= count; i++) {
				MessageProperties properties = new MessageProperties();
				properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
				operations.send(this.names.ingestExchange(), routingKey,
						new Message(this.messages.next(i), properties));
			}
			operations.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
			return null;
		});
		return new Published(count, routingKey);
	}

	private static RoutingKey routingKey(String topic, String clientId) {
		if (clientId != null) {
			if (!ChannelName.isValid(clientId)) {
				throw new InvalidFieldException("clientId", "must be 1-128 characters of [A-Za-z0-9_.-]");
			}
			return RoutingKey.client(clientId);
		}
		if (topic != null) {
			if (!ChannelName.isValid(topic)) {
				throw new InvalidFieldException("topic", "must be 1-128 characters of [A-Za-z0-9_.-]");
			}
			return RoutingKey.topic(topic);
		}
		return RoutingKey.broadcast();
	}

	/**
	 * What the endpoint answers.
	 *
	 * @param published how many messages were published
	 * @param routingKey the routing key they were published with
	 */
	record Published(int published, String routingKey) {
	}

}
