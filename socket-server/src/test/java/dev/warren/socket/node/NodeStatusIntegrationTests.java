package dev.warren.socket.node;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;

import dev.warren.common.WarrenNames;
import dev.warren.socket.support.SocketServerIntegrationTest;
import dev.warren.socket.support.StompProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The node's announcement, as publisher-service receives it: besides connections and
 * subscriptions, its counters, the p99 of the delivery latency over the last interval,
 * and the warnings it noticed, each once, numbered.
 */
class NodeStatusIntegrationTests extends SocketServerIntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final List<JsonNode> announcements = new CopyOnWriteArrayList<>();

	private SimpleMessageListenerContainer listener;

	@AfterEach
	void stopListening() {
		if (this.listener != null) {
			this.listener.stop();
		}
	}

	@Test
	void theAnnouncementCarriesCountersLatencyAndWarnings() {
		RabbitAdmin admin = new RabbitAdmin(this.rabbit);
		Queue queue = new AnonymousQueue();
		admin.declareQueue(queue);
		admin.declareBinding(BindingBuilder.bind(queue)
			.to(new TopicExchange(this.amqp.deliveriesExchange(), true, false))
			.with(WarrenNames.NODE_STATUS_KEY_PREFIX + "#"));
		this.listener = new SimpleMessageListenerContainer(this.rabbit.getConnectionFactory());
		this.listener.setQueues(queue);
		this.listener.setMessageListener((message) -> this.announcements
			.add(json.readTree(new String(message.getBody(), StandardCharsets.UTF_8))));
		this.listener.start();

		String alice = newClientId();
		StompProbe.Inbox inbox = connected(alice).subscribe("/user/queue/data");
		publish("client." + alice, "{\"n\":1}", "status-" + UUID.randomUUID());
		await().atMost(timeout()).until(() -> inbox.frames().size() == 1);
		StompProbe refused = connect(bearer("not.a.jwt"));
		await().atMost(timeout()).until(refused::isClosed);

		await().atMost(Duration.ofSeconds(15))
			.until(() -> this.announcements.stream()
				.flatMap((status) -> status.path("warnings").valueStream())
				.anyMatch((warning) -> "token-refused".equals(warning.path("kind").asString())));
		JsonNode last = this.announcements.get(this.announcements.size() - 1);
		assertThat(last.path("messagesIn").asLong()).isPositive();
		assertThat(last.path("messagesOut").asLong()).isPositive();
		assertThat(last.has("dropped")).isTrue();
		assertThat(last.path("warningsDropped").asLong()).isZero();
		// Some announcement covered the interval of alice's message.
		assertThat(this.announcements).anySatisfy((status) -> assertThat(status.path("p99Ms").isNumber()).isTrue());
		List<JsonNode> tokenWarnings = this.announcements.stream()
			.flatMap((status) -> status.path("warnings").valueStream())
			.filter((warning) -> "token-refused".equals(warning.path("kind").asString()))
			.toList();
		assertThat(tokenWarnings).allSatisfy((warning) -> {
			assertThat(warning.path("seq").asLong()).isPositive();
			assertThat(warning.path("at").asLong()).isPositive();
			assertThat(warning.path("detail").asString()).startsWith("session ");
		});
		// Each warning is announced once.
		assertThat(this.announcements.stream()
			.flatMap((status) -> status.path("warnings").valueStream())
			.map((warning) -> warning.path("seq").asLong())
			.toList()).doesNotHaveDuplicates();
	}

}
