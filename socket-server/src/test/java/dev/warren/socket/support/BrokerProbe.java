package dev.warren.socket.support;

import java.util.concurrent.atomic.AtomicBoolean;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.warren.testsupport.RealServices;

/**
 * Asks RabbitMQ itself whether a routing key is bound on an exchange, without the
 * management plugin: a mandatory publish comes back as {@code basic.return} when no queue
 * is bound, and the broker sends the return before the publisher confirm.
 */
public final class BrokerProbe {

	private BrokerProbe() {
	}

	/**
	 * Whether a message published to {@code exchange} with {@code routingKey} reaches at
	 * least one queue. A routable probe is delivered like any message.
	 * @param exchange the exchange
	 * @param routingKey the key
	 * @return {@code true} when some binding matches
	 * @throws Exception on broker failure
	 */
	public static boolean routable(String exchange, String routingKey) throws Exception {
		RealServices.RabbitEndpoint endpoint = RealServices.rabbit();
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(endpoint.host());
		factory.setPort(endpoint.port());
		factory.setUsername(endpoint.username());
		factory.setPassword(endpoint.password());
		try (Connection connection = factory.newConnection("warren-broker-probe");
				Channel channel = connection.createChannel()) {
			AtomicBoolean returned = new AtomicBoolean();
			channel.addReturnListener((message) -> returned.set(true));
			channel.confirmSelect();
			channel.basicPublish(exchange, routingKey, true, null, "probe".getBytes());
			channel.waitForConfirmsOrDie(10_000);
			return !returned.get();
		}
	}

}
