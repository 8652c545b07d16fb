package dev.warren.publisher;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/**
 * A test consumer on the deliveries exchange: an exclusive, server-named queue bound with
 * the given keys, collecting everything that arrives, in order.
 */
public final class DeliveryProbe implements AutoCloseable {

	private final Connection connection;

	private final Channel channel;

	private final List<Received> received = new ArrayList<>();

	private DeliveryProbe(Connection connection, String exchange, String... bindingKeys) throws IOException {
		this.connection = connection;
		this.channel = connection.createChannel();
		String queue = this.channel.queueDeclare("", false, true, true, null).getQueue();
		for (String key : bindingKeys) {
			this.channel.queueBind(queue, exchange, key);
		}
		this.channel.basicConsume(queue, true, new DefaultConsumer(this.channel) {

			@Override
			public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
					byte[] body) {
				synchronized (DeliveryProbe.this.received) {
					DeliveryProbe.this.received.add(new Received(envelope.getRoutingKey(), properties, body));
				}
			}

		});
	}

	/**
	 * Opens a probe.
	 * @param connectionFactory the application's connection factory (for address and
	 * credentials)
	 * @param exchange the exchange to bind to
	 * @param bindingKeys the keys
	 * @return the probe, consuming
	 */
	public static DeliveryProbe open(CachingConnectionFactory connectionFactory, String exchange, String... bindingKeys)
			throws IOException, TimeoutException {
		return new DeliveryProbe(connectionFactory.getRabbitConnectionFactory().newConnection("warren-test-probe"),
				exchange, bindingKeys);
	}

	/**
	 * What arrived so far.
	 * @return a copy, in arrival order
	 */
	public List<Received> received() {
		synchronized (this.received) {
			return new ArrayList<>(this.received);
		}
	}

	@Override
	public void close() throws IOException {
		this.connection.close();
	}

	/**
	 * One delivery.
	 *
	 * @param routingKey its routing key
	 * @param properties its properties
	 * @param body its body
	 */
	public record Received(String routingKey, AMQP.BasicProperties properties, byte[] body) {

		public String text() {
			return new String(this.body, java.nio.charset.StandardCharsets.UTF_8);
		}

		public Object header(String name) {
			return (this.properties.getHeaders() != null) ? this.properties.getHeaders().get(name) : null;
		}

	}

}
