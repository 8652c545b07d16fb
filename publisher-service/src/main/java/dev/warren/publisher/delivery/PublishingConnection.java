package dev.warren.publisher.delivery;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.stereotype.Component;

/**
 * The AMQP connection the ingest side republishes on. It is separate from the consuming
 * connection, so that broker flow control on publishes never blocks consumers and the
 * acks they send. It is opened on first use and again after it was lost.
 */
@Component
public class PublishingConnection implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(PublishingConnection.class);

	private final com.rabbitmq.client.ConnectionFactory factory;

	private final List<Address> addresses;

	private Connection connection;

	PublishingConnection(CachingConnectionFactory connectionFactory, RabbitConnectionDetails details) {
		// Same credentials, virtual host and client settings as Boot's connection
		// factory.
		this.factory = connectionFactory.getRabbitConnectionFactory();
		this.addresses = details.getAddresses().stream().map((a) -> new Address(a.host(), a.port())).toList();
	}

	/**
	 * Opens a channel in publisher-confirm mode.
	 * @return the channel
	 * @throws IOException when the broker cannot be reached
	 * @throws TimeoutException when connecting times out
	 */
	synchronized Channel openConfirmChannel() throws IOException, TimeoutException {
		if (this.connection == null || !this.connection.isOpen()) {
			this.connection = this.factory.newConnection(this.addresses, "warren-publisher");
			log.info("Opened publishing connection to {}", this.connection.getAddress());
		}
		Channel channel = this.connection.createChannel();
		if (channel == null) {
			throw new IOException("The broker has no channel left on the publishing connection");
		}
		channel.confirmSelect();
		return channel;
	}

	@Override
	public synchronized void destroy() {
		if (this.connection != null && this.connection.isOpen()) {
			try {
				this.connection.close(1000);
			}
			catch (IOException | RuntimeException ex) {
				log.debug("Publishing connection did not close cleanly", ex);
			}
		}
	}

}
