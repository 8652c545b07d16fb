package dev.warren.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.messaging.simp.stomp.StompHeaders;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.common.WarrenNames;
import dev.warren.common.token.HmacTokens;
import dev.warren.testsupport.RealServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A socket node that is stopped (SIGTERM) while messages flow to its clients loses none
 * of them, even for a client that knows nothing of positions: it reconnects to the other
 * node, subscribes as it did the first time, and is sent what was published while it
 * moved, from where the drained node left it. A node that crashes (SIGKILL) announces
 * nothing: its client resumes with the last position it received.
 */
class NodeFailoverEndToEndTests {

	private static final String SECRET = "drain-" + UUID.randomUUID() + "-" + UUID.randomUUID();

	private static final int MESSAGES = 600;

	@Test
	void aDrainedNodesClientsMissNothingOnTheOtherNode(@TempDir Path workDir) throws Exception {
		Map<String, String> env = ExternalMode.node(SECRET);
		String clientId = "drain-client-" + UUID.randomUUID();
		String token = new HmacTokens(SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC())
			.issue(clientId, Duration.ofMinutes(5))
			.value();
		try (WarrenProcess publisher = WarrenProcess.start("drain-publisher", "warren.publisher.jar",
				workDir.resolve("publisher"),
				ExternalMode.publisher(SECRET, "drain-admin-" + UUID.randomUUID() + "-" + UUID.randomUUID()), List.of(),
				WarrenProcess.freePort());
				WarrenProcess stopping = WarrenProcess.start("drain-a", "warren.socket.jar", workDir.resolve("a"), env,
						List.of(), WarrenProcess.freePort());
				WarrenProcess staying = WarrenProcess.start("drain-b", "warren.socket.jar", workDir.resolve("b"), env,
						List.of(), WarrenProcess.freePort());
				StompProbe first = new StompProbe("on-a").connected(stopping.edgeUrl(), token);
				Connection connection = rabbit().newConnection("drain-producer")) {
			first.subscribe(WarrenNames.PRIVATE_DESTINATION);
			AtomicInteger published = new AtomicInteger();
			Thread producer = new Thread(() -> produce(connection, clientId, published));
			producer.start();
			await().atMost(StompProbe.timeout()).until(() -> first.messages().size() >= 100);

			assertThat(first.isClosed()).isFalse();
			stopping.close();
			await().atMost(StompProbe.timeout()).until(first::isClosed);
			StompProbe second = new StompProbe("on-b").connected(staying.edgeUrl(), token);
			second.subscribe(WarrenNames.PRIVATE_DESTINATION);
			producer.join();
			assertThat(published.get()).isEqualTo(MESSAGES);

			await().atMost(StompProbe.timeout())
				.until(() -> second.messages().stream().anyMatch((m) -> m.body().equals(Integer.toString(MESSAGES))));
			Set<Integer> received = new TreeSet<>();
			int duplicates = 0;
			for (StompProbe probe : List.of(first, second)) {
				for (StompProbe.Received message : probe.messages()) {
					if (!received.add(Integer.parseInt(message.body()))) {
						duplicates++;
					}
				}
			}
			Set<Integer> lost = new TreeSet<>();
			for (int n = 1; n <= MESSAGES; n++) {
				if (!received.contains(n)) {
					lost.add(n);
				}
			}
			assertThat(lost)
				.as("lost, of %d before the drain and %d after", first.messages().size(), second.messages().size())
				.isEmpty();
			assertThat(duplicates).as("received twice").isZero();
			second.close();
		}
	}

	@Test
	void aCrashedNodesClientThatResumesWithItsLastPositionMissesNothing(@TempDir Path workDir) throws Exception {
		Map<String, String> env = ExternalMode.node(SECRET);
		String clientId = "crash-client-" + UUID.randomUUID();
		String token = new HmacTokens(SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC())
			.issue(clientId, Duration.ofMinutes(5))
			.value();
		try (WarrenProcess publisher = WarrenProcess.start("crash-publisher", "warren.publisher.jar",
				workDir.resolve("publisher"),
				ExternalMode.publisher(SECRET, "crash-admin-" + UUID.randomUUID() + "-" + UUID.randomUUID()), List.of(),
				WarrenProcess.freePort());
				WarrenProcess crashing = WarrenProcess.start("crash-a", "warren.socket.jar", workDir.resolve("a"), env,
						List.of(), WarrenProcess.freePort());
				WarrenProcess staying = WarrenProcess.start("crash-b", "warren.socket.jar", workDir.resolve("b"), env,
						List.of(), WarrenProcess.freePort());
				StompProbe first = new StompProbe("on-a").connected(crashing.edgeUrl(), token);
				Connection connection = rabbit().newConnection("crash-producer")) {
			first.subscribe(WarrenNames.PRIVATE_DESTINATION);
			AtomicInteger published = new AtomicInteger();
			Thread producer = new Thread(() -> produce(connection, clientId, published));
			producer.start();
			await().atMost(StompProbe.timeout()).until(() -> first.messages().size() >= 100);

			crashing.kill();
			await().atMost(StompProbe.timeout()).until(first::isClosed);
			List<StompProbe.Received> before = first.messages();
			String position = before.get(before.size() - 1).headers().getFirst(WarrenNames.POSITION_HEADER);
			StompProbe second = new StompProbe("on-b").connected(staying.edgeUrl(), token);
			StompHeaders subscribe = new StompHeaders();
			subscribe.setDestination(WarrenNames.PRIVATE_DESTINATION);
			subscribe.add(WarrenNames.SINCE_HEADER, position);
			second.subscribe(subscribe);
			producer.join();
			assertThat(published.get()).isEqualTo(MESSAGES);

			await().atMost(StompProbe.timeout())
				.until(() -> second.messages().stream().anyMatch((m) -> m.body().equals(Integer.toString(MESSAGES))));
			List<Integer> all = new ArrayList<>();
			for (StompProbe.Received message : before) {
				all.add(Integer.parseInt(message.body()));
			}
			for (StompProbe.Received message : second.messages()) {
				all.add(Integer.parseInt(message.body()));
			}
			assertThat(all)
				.as("every message once, in order, of %d before the crash and %d after", before.size(),
						second.messages().size())
				.containsExactlyElementsOf(IntStream.rangeClosed(1, MESSAGES).boxed().toList());
			second.close();
		}
	}

	/**
	 * 600 messages to the client at about 200 a second, as publisher-service sends them.
	 */
	private static void produce(Connection connection, String clientId, AtomicInteger published) {
		WarrenAmqpProperties names = RealServices.amqpNames();
		try (Channel channel = connection.createChannel()) {
			channel.confirmSelect();
			for (int n = 1; n <= MESSAGES; n++) {
				Map<String, Object> headers = new HashMap<>();
				headers.put(WarrenNames.ID_HEADER, "drain-" + UUID.randomUUID());
				headers.put(WarrenNames.PUBLISHED_AT_HEADER, System.currentTimeMillis());
				channel.basicPublish(names.deliveriesExchange(), "client." + clientId,
						new AMQP.BasicProperties.Builder().contentType("text/plain").headers(headers).build(),
						Integer.toString(n).getBytes(StandardCharsets.UTF_8));
				if (n % 10 == 0) {
					channel.waitForConfirmsOrDie(10_000);
					Thread.sleep(50);
				}
				published.incrementAndGet();
			}
			channel.waitForConfirmsOrDie(10_000);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ConnectionFactory rabbit() {
		RealServices.RabbitEndpoint endpoint = RealServices.rabbit();
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(endpoint.host());
		factory.setPort(endpoint.port());
		factory.setUsername(endpoint.username());
		factory.setPassword(endpoint.password());
		return factory;
	}

}
