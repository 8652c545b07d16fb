package dev.warren.subclient.market;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.warren.common.ChannelName;

/**
 * {@code warren-sub market}: publishes random-walk ticks for a few symbols into Warren's
 * ingest exchange, each symbol on topic {@code market.<SYMBOL>}, and takes commands from
 * a control exchange while it runs (seed 003's market-data generator).
 */
@Command(name = "market", mixinStandardHelpOptions = true, sortOptions = false, description = {
		"Publishes random-walk market data to topics market.<SYMBOL> through RabbitMQ.",
		"Each tick is {\"symbol\",\"price\",\"bid\",\"ask\",\"volume\",\"ts\"}. While it runs, JSON messages on "
				+ "the control exchange change it: {\"command\":\"pause\",\"symbol\":\"AAPL\"}, "
				+ "{\"command\":\"resume\",\"symbol\":\"AAPL\"}, {\"command\":\"rate\",\"rate\":5}, "
				+ "{\"command\":\"stop\"}." },
		footer = { "", "Example:", "  warren-sub market --symbols AAPL,MSFT,GOOG --rate 2",
				"  then subscribe to /topic/market.AAPL (warren-sub --topic market.AAPL)" })
public class MarketCommand implements Callable<Integer> {

	@Option(names = "--symbols", split = ",", defaultValue = "AAPL,MSFT,GOOG,AMZN",
			description = "symbols (default: ${DEFAULT-VALUE})")
	List<String> symbols;

	@Option(names = "--rate", defaultValue = "1", description = "ticks per second of each symbol (default: 1)")
	double rate;

	@Option(names = "--seconds", description = "stop after S seconds (default: until Ctrl-C or a stop command)")
	Integer seconds;

	@Option(names = "--amqp-uri", paramLabel = "URI", defaultValue = "amqp://guest:guest@127.0.0.1:5672",
			description = "RabbitMQ (default: ${DEFAULT-VALUE})")
	String amqpUri;

	@Option(names = "--ingest-exchange", defaultValue = "warren.ingest",
			description = "Warren's ingest exchange (default: ${DEFAULT-VALUE})")
	String ingestExchange;

	@Option(names = "--control-exchange", defaultValue = "warren.market.control",
			description = "topic exchange of the control commands, declared if missing (default: ${DEFAULT-VALUE})")
	String controlExchange;

	@Option(names = "--seed", defaultValue = "1", description = "seed of the random walks (default: 1)")
	long seed;

	private final PrintStream out;

	private final PrintStream err;

	public MarketCommand(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	@Override
	public Integer call() throws Exception {
		for (String symbol : this.symbols) {
			if (!ChannelName.isValid("market." + symbol)) {
				this.err.println("market: invalid symbol '" + symbol + "': [A-Za-z0-9_.-], up to 121 characters");
				return 2;
			}
		}
		MarketFeed feed = new MarketFeed(this.symbols, this.rate, this.seed);
		ConnectionFactory factory = new ConnectionFactory();
		factory.setUri(this.amqpUri);
		try (Connection connection = factory.newConnection("warren-sub market")) {
			Channel control = connection.createChannel();
			control.exchangeDeclare(this.controlExchange, BuiltinExchangeType.TOPIC, true);
			String queue = control.queueDeclare().getQueue();
			control.queueBind(queue, this.controlExchange, "#");
			MarketControl commands = new MarketControl(feed, this.err);
			control.basicConsume(queue, true, (tag, delivery) -> commands.apply(delivery.getBody()), (tag) -> {
			});
			Channel publishing = connection.createChannel();
			this.err.printf("market: %s at %s ticks a second each, control on exchange %s%n", feed.symbols(),
					feed.ticksPerSecond(), this.controlExchange);
			run(feed, publishing);
		}
		Map<String, Long> published = feed.published();
		long total = published.values().stream().mapToLong(Long::longValue).sum();
		this.out.println("{\"summary\":true,\"ticks\":" + total + ",\"bySymbol\":"
				+ published.entrySet()
					.stream()
					.map((entry) -> "\"" + entry.getKey() + "\":" + entry.getValue())
					.reduce((a, b) -> a + "," + b)
					.map((entries) -> "{" + entries + "}")
					.orElse("{}")
				+ "}");
		return 0;
	}

	/**
	 * Publishes a round of ticks, one per symbol not paused, every 1/rate seconds, until
	 * the time is up or a stop command came.
	 */
	private void run(MarketFeed feed, Channel publishing) throws Exception {
		long end = (this.seconds != null) ? System.nanoTime() + TimeUnit.SECONDS.toNanos(this.seconds) : Long.MAX_VALUE;
		AMQP.BasicProperties json = new AMQP.BasicProperties.Builder().contentType("application/json").build();
		List<String> symbols = feed.symbols();
		long lastRound = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
		while (!feed.isStopped() && System.nanoTime() < end) {
			// Due one period (at the rate in force now) after the last round, so a rate
			// change takes effect at once.
			long wait = lastRound + (long) (1_000_000_000L / feed.ticksPerSecond()) - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(100)));
				continue;
			}
			lastRound = System.nanoTime();
			long now = System.currentTimeMillis();
			for (String symbol : symbols) {
				if (!feed.isPaused(symbol)) {
					publishing.basicPublish(this.ingestExchange, "topic.market." + symbol, json,
							feed.tick(symbol, now).getBytes(StandardCharsets.UTF_8));
				}
			}
		}
	}

}
