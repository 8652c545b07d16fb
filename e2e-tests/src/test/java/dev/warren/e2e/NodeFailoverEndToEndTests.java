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
import java.util.function.Consumer;
import java.util.stream.IntStream;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
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
		Failover failover = failOver(workDir, "drain", WarrenProcess::close, false);
		Set<Integer> received = new TreeSet<>();
		int duplicates = 0;
		for (List<StompProbe.Received> messages : List.of(failover.before(), failover.after())) {
			for (StompProbe.Received message : messages) {
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
			.as("lost, of %d before the drain and %d after", failover.before().size(), failover.after().size())
			.isEmpty();
		assertThat(duplicates).as("received twice").isZero();
	}

	@Test
	void aCrashedNodesClientThatResumesWithItsLastPositionMissesNothing(@TempDir Path workDir) throws Exception {
		Failover failover = failOver(workDir, "crash", WarrenProcess::kill, true);
		List<Integer> all = new ArrayList<>();
		for (List<StompProbe.Received> messages : List.of(failover.before(), failover.after())) {
			for (StompProbe.Received message : messages) {
				all.add(Integer.parseInt(message.body()));
			}
		}
		assertThat(all)
			.as("every message once, in order, of %d before the crash and %d after", failover.before().size(),
					failover.after().size())
			.containsExactlyElementsOf(IntStream.rangeClosed(1, MESSAGES).boxed().toList());
	}

	/**
	 * Starts publisher-service and two nodes, subscribes a client on the first, publishes
	 * {@link #MESSAGES} to it, and once 100 have arrived ends the first node with
	 * {@code fault}; the client then subscribes again on the second node, with its last
	 * position or without one.
	 * @return what the client received on each node
	 */
	private static Failover failOver(Path workDir, String name, Consumer<WarrenProcess> fault,
			boolean resumeWithPosition) throws Exception {
		Map<String, String> env = ExternalMode.node(SECRET);
		String clientId = name + "-client-" + UUID.randomUUID();
		String token = new HmacTokens(SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC())
			.issue(clientId, Duration.ofMinutes(5))
			.value();
		try (WarrenProcess publisher = WarrenProcess.start(name + "-publisher", "warren.publisher.jar",
				workDir.resolve("publisher"),
				ExternalMode.publisher(SECRET, name + "-admin-" + UUID.randomUUID() + "-" + UUID.randomUUID()),
				List.of(), WarrenProcess.freePort());
				WarrenProcess ending = WarrenProcess.start(name + "-a", "warren.socket.jar", workDir.resolve("a"), env,
						List.of(), WarrenProcess.freePort());
				WarrenProcess staying = WarrenProcess.start(name + "-b", "warren.socket.jar", workDir.resolve("b"), env,
						List.of(), WarrenProcess.freePort());
				StompProbe first = new StompProbe("on-a").connected(ending.edgeUrl(), token);
				StompProbe second = new StompProbe("on-b");
				Connection connection = RealServices.rabbit().connectionFactory().newConnection(name + "-producer")) {
			first.subscribe(WarrenNames.PRIVATE_DESTINATION);
			AtomicInteger published = new AtomicInteger();
			Thread producer = new Thread(() -> produce(connection, clientId, published));
			producer.start();
			await().atMost(StompProbe.timeout()).until(() -> first.messages().size() >= 100);

			assertThat(first.isClosed()).isFalse();
			fault.accept(ending);
			await().atMost(StompProbe.timeout()).until(first::isClosed);
			List<StompProbe.Received> before = first.messages();
			StompHeaders subscribe = new StompHeaders();
			subscribe.setDestination(WarrenNames.PRIVATE_DESTINATION);
			if (resumeWithPosition) {
				subscribe.add(WarrenNames.SINCE_HEADER,
						before.get(before.size() - 1).headers().getFirst(WarrenNames.POSITION_HEADER));
			}
			second.connected(staying.edgeUrl(), token).subscribe(subscribe);
			producer.join();
			assertThat(published.get()).isEqualTo(MESSAGES);
			await().atMost(StompProbe.timeout())
				.until(() -> second.messages().stream().anyMatch((m) -> m.body().equals(Integer.toString(MESSAGES))));
			return new Failover(before, List.copyOf(second.messages()));
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

	private record Failover(List<StompProbe.Received> before, List<StompProbe.Received> after) {
	}

}
