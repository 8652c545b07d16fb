package dev.warren.e2e;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.warren.subclient.WarrenSubClient;
import dev.warren.testsupport.RealServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code warren-sub market} against the real RabbitMQ: random-walk ticks per symbol on
 * {@code topic.market.<SYMBOL>} of the ingest exchange, and the control exchange pausing,
 * resuming, speeding up and stopping it while it runs.
 */
class MarketEndToEndTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, AtomicLong> ticks = new ConcurrentHashMap<>();

	private final List<JsonNode> samples = new CopyOnWriteArrayList<>();

	private final AtomicLong misrouted = new AtomicLong();

	@Test
	void theFeedTicksAndObeysItsControlExchange() throws Exception {
		RealServices.RabbitEndpoint rabbit = RealServices.rabbit();
		String ingest = RealServices.amqpNames().ingestExchange();
		String control = "warren.market.control." + RealServices.RUN_ID;
		ConnectionFactory factory = rabbit.connectionFactory();
		try (Connection connection = factory.newConnection("market-e2e")) {
			Channel channel = connection.createChannel();
			// The ingest exchange is a fanout: the market's keys are matched on
			// the routed topic exchange bound to it, as for a rabbit channel with
			// a binding key.
			String routed = RealServices.amqpNames().ingestRoutedExchange();
			channel.exchangeDeclare(ingest, BuiltinExchangeType.FANOUT, true);
			channel.exchangeDeclare(routed, BuiltinExchangeType.TOPIC, true);
			channel.exchangeBind(routed, ingest, "#");
			String queue = channel.queueDeclare().getQueue();
			channel.queueBind(queue, routed, "topic.market.#");
			channel.basicConsume(queue, true, (tag, delivery) -> {
				JsonNode tick = json.readTree(delivery.getBody());
				this.samples.add(tick);
				this.ticks.computeIfAbsent(tick.path("symbol").asString(), (symbol) -> new AtomicLong())
					.incrementAndGet();
				if (!delivery.getEnvelope().getRoutingKey().equals("topic.market." + tick.path("symbol").asString())) {
					this.misrouted.incrementAndGet();
				}
			}, (tag) -> {
			});

			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ByteArrayOutputStream err = new ByteArrayOutputStream();
			String uri = rabbit.uri();
			CompletableFuture<Integer> run = CompletableFuture
				.supplyAsync(() -> WarrenSubClient.run(new PrintStream(out, true, StandardCharsets.UTF_8),
						new PrintStream(err, true, StandardCharsets.UTF_8), "market", "--symbols", "AAA,BBB", "--rate",
						"20", "--seconds", "60", "--amqp-uri", uri, "--ingest-exchange", ingest, "--control-exchange",
						control));

			await().atMost(Duration.ofSeconds(15)).until(() -> count("AAA") > 5 && count("BBB") > 5);
			assertThat(this.samples).allSatisfy((tick) -> {
				assertThat(tick.path("price").asDouble()).isPositive();
				assertThat(tick.path("bid").asDouble()).isLessThan(tick.path("ask").asDouble());
				assertThat(tick.path("volume").asInt()).isPositive();
				assertThat(tick.path("ts").asLong()).isPositive();
			});
			// Prices move.
			assertThat(this.samples.stream()
				.filter((tick) -> tick.path("symbol").asString().equals("AAA"))
				.map((tick) -> tick.path("price").asDouble())
				.distinct()
				.count()).isGreaterThan(1);

			command(channel, control, "{\"command\":\"pause\",\"symbol\":\"AAA\"}");
			TimeUnit.MILLISECONDS.sleep(500);
			long pausedAt = count("AAA");
			long bBefore = count("BBB");
			TimeUnit.MILLISECONDS.sleep(1500);
			assertThat(count("AAA")).as("AAA paused").isEqualTo(pausedAt);
			assertThat(count("BBB")).as("BBB still ticking").isGreaterThan(bBefore + 10);

			command(channel, control, "{\"command\":\"fly\"}");
			command(channel, control, "{\"command\":\"resume\",\"symbol\":\"AAA\"}");
			await().atMost(Duration.ofSeconds(5)).until(() -> count("AAA") > pausedAt + 5);

			command(channel, control, "{\"command\":\"rate\",\"rate\":80}");
			TimeUnit.MILLISECONDS.sleep(500);
			long fastFrom = count("BBB");
			TimeUnit.SECONDS.sleep(2);
			assertThat(count("BBB") - fastFrom).as("ticks of BBB in 2 s at 80 a second").isGreaterThan(100);

			command(channel, control, "{\"command\":\"stop\"}");
			assertThat(run.get(10, TimeUnit.SECONDS)).isZero();
			String summary = out.toString(StandardCharsets.UTF_8).strip();
			assertThat(json.readTree(summary).path("summary").asBoolean()).isTrue();
			assertThat(json.readTree(summary).path("bySymbol").path("AAA").asLong()).isPositive();
			assertThat(err.toString(StandardCharsets.UTF_8)).contains("control message ignored: unknown command 'fly'");
			assertThat(this.misrouted).hasValue(0);
		}
	}

	private long count(String symbol) {
		AtomicLong count = this.ticks.get(symbol);
		return (count != null) ? count.get() : 0;
	}

	private static void command(Channel channel, String exchange, String command) throws Exception {
		channel.basicPublish(exchange, "market", null, command.getBytes(StandardCharsets.UTF_8));
	}

}
