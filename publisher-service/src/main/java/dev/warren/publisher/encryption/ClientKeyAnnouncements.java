package dev.warren.publisher.encryption;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.dao.DataAccessException;

import dev.warren.common.ChannelName;
import dev.warren.common.WarrenNames;

/**
 * Client key changes between publisher-service instances: announces each change made here
 * ({@code control.client-key} on the deliveries exchange, the client id only, after the
 * broker's confirm), and has the client keys re-read the key of each client an
 * announcement names, this instance's own included.
 * <p>
 * Without the announcement another instance would go on sealing a client's messages with
 * its old key, or sending them in clear, until its next periodic read. A change that
 * could not be announced (the broker was down) still reaches the others with that read.
 */
class ClientKeyAnnouncements implements Consumer<String> {

	private static final Logger log = LoggerFactory.getLogger(ClientKeyAnnouncements.class);

	private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

	private final RabbitTemplate rabbit;

	private final String deliveriesExchange;

	ClientKeyAnnouncements(RabbitTemplate rabbit, String deliveriesExchange) {
		this.rabbit = rabbit;
		this.deliveriesExchange = deliveriesExchange;
	}

	/**
	 * Announces that a client's key changed, and waits for the broker's confirm.
	 * @param clientId the client
	 */
	@Override
	public void accept(String clientId) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_TEXT_PLAIN);
		properties.setContentEncoding(StandardCharsets.UTF_8.name());
		Message announcement = new Message(clientId.getBytes(StandardCharsets.UTF_8), properties);
		try {
			this.rabbit.invoke((operations) -> {
				operations.send(this.deliveriesExchange, WarrenNames.CLIENT_KEY_KEY, announcement);
				operations.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
				return null;
			});
		}
		catch (AmqpException ex) {
			log.atWarn()
				.addKeyValue("client", clientId)
				.log("Client key change not announced, other instances read it within their refresh interval: {}",
						ex.getMessage());
		}
	}

	/**
	 * A listener that re-reads the key of each client announced.
	 * @param keys the client keys
	 * @return the listener
	 */
	static MessageListener reloading(ClientKeys keys) {
		return (message) -> {
			String clientId = new String(message.getBody(), StandardCharsets.UTF_8);
			if (!ChannelName.isValid(clientId)) {
				log.atWarn().log("Client key announcement without a valid client id dropped");
				return;
			}
			try {
				keys.reload(clientId);
			}
			catch (DataAccessException | IllegalStateException ex) {
				log.atWarn()
					.addKeyValue("client", clientId)
					.log("Could not re-read an announced client key, the periodic read will: {}", ex.getMessage());
			}
		};
	}

}
