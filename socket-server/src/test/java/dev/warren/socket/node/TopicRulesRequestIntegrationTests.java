package dev.warren.socket.node;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.warren.common.WarrenNames;
import dev.warren.socket.support.SocketServerIntegrationTest;
import dev.warren.socket.support.StompProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node that starts asks for every topic rule and, until the answer is complete, refuses
 * topic subscriptions and is not ready; the test answers as publisher-service does, in
 * two pages.
 */
@TestPropertySource(properties = "warren.socket.await-topic-rules=true")
class TopicRulesRequestIntegrationTests extends SocketServerIntegrationTest {

	@Autowired
	NodeQueue queue;

	@Test
	void aNodeTakesTopicSubscriptionsOnlyOnceItHasEveryRule() throws Exception {
		String topic = "members-" + UUID.randomUUID().toString().substring(0, 8);
		String alice = newClientId();
		String bob = newClientId();

		StompProbe early = connected(alice);
		early.subscribeBlindly("/topic/" + topic);
		await().atMost(timeout()).until(() -> !early.errors().isEmpty());
		assertThat(early.errors().get(0).header("message")).isEqualTo("Unavailable");
		HttpResponse<String> waiting = get("/actuator/health/readiness");
		assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(503);
		assertThat(waiting.body()).contains("\"topicRules\":{\"status\":\"OUT_OF_SERVICE\"");
		// The private channel does not wait.
		StompProbe.Inbox bobsChannel = connected(bob).subscribe(WarrenNames.PRIVATE_DESTINATION);

		// An answer to no request of this node changes nothing: once a message published
		// after it (on the same channel, so in order) has arrived, the node has read it
		// and is still not ready.
		String mine = WarrenNames.NODE_CONTROL_KEY_PREFIX + this.queue.name();
		this.rabbit.invoke((operations) -> {
			answer(operations, mine, "another request", "{\"clock\":9,\"rules\":[],\"last\":true}");
			publish(operations, "client." + bob, "{\"after\":\"the foreign answer\"}", "marker");
			return null;
		});
		await().atMost(timeout()).until(() -> bobsChannel.frames().size() == 1);
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503);

		// Answered as publisher-service does: every request of this node (it asks again
		// when its consumer restarts), in two pages.
		long deadline = System.nanoTime() + timeout().toNanos();
		int answered = 0;
		while (get("/actuator/health/readiness").statusCode() != 200) {
			assertThat(System.nanoTime()).as("ready after %d answers", answered).isLessThan(deadline);
			Message request = this.rabbit.receive(this.amqp.topicRuleRequestQueue(), 500);
			if (request == null || !mine.equals(request.getMessageProperties().getReplyTo())) {
				continue;
			}
			String correlation = request.getMessageProperties().getCorrelationId();
			// On one channel, as publisher-service sends them: the pages arrive in order.
			this.rabbit.invoke((operations) -> {
				answer(operations, mine, correlation,
						"{\"clock\":9,\"rules\":[{\"topic\":\"" + topic
								+ "\",\"visibility\":\"private\",\"members\":[\"" + alice
								+ "\"],\"version\":3}],\"last\":false}");
				answer(operations, mine, correlation, "{\"clock\":9,\"rules\":[],\"last\":true}");
				return null;
			});
			answered++;
		}
		StompProbe.Inbox member = connected(alice).subscribe("/topic/" + topic);
		StompProbe outsider = connected(bob);
		outsider.subscribeBlindly("/topic/" + topic);
		await().atMost(timeout()).until(() -> !outsider.errors().isEmpty());
		assertThat(outsider.errors().get(0).header("message")).startsWith("Forbidden destination");
		publish("topic." + topic, "{\"n\":1}", "m-1");
		await().atMost(timeout()).until(() -> member.frames().size() == 1);
	}

	private void answer(RabbitOperations operations, String replyTo, String correlation, String page) {
		MessageProperties properties = new MessageProperties();
		properties.setCorrelationId(correlation);
		properties.setContentType("application/json");
		operations.send(this.amqp.deliveriesExchange(), replyTo,
				new Message(page.getBytes(StandardCharsets.UTF_8), properties));
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

}
