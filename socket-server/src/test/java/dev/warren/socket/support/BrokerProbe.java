package dev.warren.socket.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
		try (Connection connection = RealServices.rabbit().connectionFactory().newConnection("warren-broker-probe");
				Channel channel = connection.createChannel()) {
			AtomicBoolean returned = new AtomicBoolean();
			channel.addReturnListener((message) -> returned.set(true));
			channel.confirmSelect();
			channel.basicPublish(exchange, routingKey, true, null, "probe".getBytes());
			channel.waitForConfirmsOrDie(10_000);
			return !returned.get();
		}
	}

	/**
	 * Whether {@code queue} is bound to {@code exchange} with exactly {@code routingKey},
	 * asked of the management API: with the history stream bound to everything, whether a
	 * key is routable says nothing of a node queue's own bindings.
	 * @param exchange the exchange
	 * @param queue the queue
	 * @param routingKey the binding key
	 * @return {@code true} when the binding exists
	 * @throws Exception on broker failure
	 */
	public static boolean bound(String exchange, String queue, String routingKey) throws Exception {
		RealServices.RabbitEndpoint endpoint = RealServices.rabbit();
		String credentials = Base64.getEncoder()
			.encodeToString((endpoint.username() + ":" + endpoint.password()).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://" + endpoint.host() + ":15672/api/bindings/%2F/e/"
					+ URLEncoder.encode(exchange, StandardCharsets.UTF_8) + "/q/"
					+ URLEncoder.encode(queue, StandardCharsets.UTF_8)))
			.header("Authorization", "Basic " + credentials)
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() == 404) {
			return false;
		}
		if (response.statusCode() != 200) {
			throw new IllegalStateException("RabbitMQ's management API (start it with 'rabbitmq-plugins enable "
					+ "rabbitmq_management') answered " + response.statusCode() + ": " + response.body());
		}
		for (JsonNode binding : JsonMapper.builder().build().readTree(response.body())) {
			if (routingKey.equals(binding.path("routing_key").asString())) {
				return true;
			}
		}
		return false;
	}

}
