package dev.warren.e2e;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warren.e2e.browser.HeadlessChromium;
import dev.warren.subclient.WarrenSubClient;
import dev.warren.testsupport.RealServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The market ticker page socket-server serves ({@code /market.html}), in headless
 * Chromium, fed by {@code warren-sub market} through the whole bridge: subscribe to a
 * symbol and its prices move on the page, unsubscribe and they stop; a symbol never
 * subscribed to stays empty. Leaves a screenshot in {@code target/market-ticker.png}.
 */
class MarketTickerBrowserTests {

	private static final String SECRET = "ticker-" + UUID.randomUUID() + "-" + UUID.randomUUID();

	private static final String ADMIN_TOKEN = "ticker-admin-" + UUID.randomUUID() + "-" + UUID.randomUUID();

	@Test
	void pricesMoveWhileSubscribedAndStopAfter(@TempDir Path workDir) throws Exception {
		RealServices.RabbitEndpoint rabbit = RealServices.rabbit();
		String control = "warren.market.control.ticker." + RealServices.RUN_ID;
		try (WarrenProcess publisher = WarrenProcess.start("ticker-publisher", "warren.publisher.jar",
				workDir.resolve("publisher"), ExternalMode.publisher(SECRET, ADMIN_TOKEN), List.of(),
				WarrenProcess.freePort());
				WarrenProcess node = WarrenProcess.start("ticker-socket", "warren.socket.jar",
						workDir.resolve("socket"), ExternalMode.node(SECRET), List.of(), WarrenProcess.freePort());
				HeadlessChromium browser = HeadlessChromium
					.start(Files.createDirectories(workDir.resolve("chromium")))) {
			PublisherApi api = new PublisherApi(publisher.baseUrl(), ADMIN_TOKEN);
			assertThat(api.get("/v1/create-rabbit-ch").status()).isEqualTo(200);
			PublisherApi.Registered trader = api.register("Tess", "tess-" + UUID.randomUUID() + "@example.test",
					"password-tess");
			String uri = rabbit.uri();
			CompletableFuture<Integer> market = CompletableFuture.supplyAsync(() -> WarrenSubClient.run(
					new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
					new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), "market", "--symbols",
					"AAA,BBB", "--rate", "8", "--seconds", "120", "--amqp-uri", uri, "--ingest-exchange",
					RealServices.amqpNames().ingestExchange(), "--control-exchange", control));
			try {
				browser.navigate(node.baseUrl() + "/market.html#token=" + trader.token() + "&symbols=AAA,BBB&ws="
						+ node.edgeUrl() + "/json");
				await().atMost(Duration.ofSeconds(20))
					.pollInterval(Duration.ofMillis(200))
					.until(() -> "true".equals(browser.evaluate("document.body.dataset.connected || ''").asString()));

				browser.evaluate("document.querySelector('#row-AAA .toggle').click(); true");
				Set<String> prices = new HashSet<>();
				await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
					prices.add(text(browser, "#row-AAA .price"));
					return ticks(browser, "AAA") >= 8 && prices.size() >= 3;
				});
				assertThat(Double.parseDouble(text(browser, "#row-AAA .bid")))
					.isLessThan(Double.parseDouble(text(browser, "#row-AAA .ask")));
				assertThat(ticks(browser, "BBB")).as("never subscribed").isZero();
				Path screenshot = Path.of("target", "market-ticker.png");
				browser.screenshot(screenshot);
				assertThat(Files.size(screenshot)).isPositive();

				browser.evaluate("document.querySelector('#row-AAA .toggle').click(); true");
				TimeUnit.SECONDS.sleep(1);
				long stoppedAt = ticks(browser, "AAA");
				TimeUnit.SECONDS.sleep(2);
				assertThat(ticks(browser, "AAA")).as("after unsubscribing").isEqualTo(stoppedAt);
				assertThat(text(browser, "#row-AAA .toggle")).isEqualTo("subscribe");
			}
			finally {
				stopMarket(rabbit, control);
				assertThat(market.get(15, TimeUnit.SECONDS)).isZero();
			}
		}
	}

	private static long ticks(HeadlessChromium browser, String symbol) {
		return Long.parseLong(text(browser, "#row-" + symbol + " .ticks"));
	}

	private static String text(HeadlessChromium browser, String selector) {
		return browser.evaluate("document.querySelector('" + selector + "').textContent").asString();
	}

	private static void stopMarket(RealServices.RabbitEndpoint rabbit, String control) throws Exception {
		ConnectionFactory factory = rabbit.connectionFactory();
		try (Connection connection = factory.newConnection("ticker-stop")) {
			Channel channel = connection.createChannel();
			channel.basicPublish(control, "market", null, "{\"command\":\"stop\"}".getBytes(StandardCharsets.UTF_8));
		}
	}

}
