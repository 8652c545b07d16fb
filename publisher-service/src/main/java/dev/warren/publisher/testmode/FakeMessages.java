package dev.warren.publisher.testmode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.json.JsonMapper;

/**
 * Random market data, as the seed's token streams carry: a trade with an id, a timestamp,
 * a symbol, a price, a volume and a side.
 */
class FakeMessages {

	private static final String[] SYMBOLS = { "AAPL", "MSFT", "GOOG", "AMZN", "TSLA", "NVDA", "BTC-USD", "ETH-USD" };

	private static final double[] BASE_PRICES = { 190, 420, 170, 185, 250, 120, 67_000, 3_400 };

	private final JsonMapper json;

	private final Clock clock;

	FakeMessages(JsonMapper json, Clock clock) {
		this.json = json;
		this.clock = clock;
	}

	/**
	 * One message.
	 * @param sequence its position in the batch, from 1
	 * @return the JSON body, UTF-8
	 */
	byte[] next(long sequence) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int instrument = random.nextInt(SYMBOLS.length);
		double price = BASE_PRICES[instrument] * (1 + random.nextGaussian() * 0.01);
		Map<String, Object> trade = new LinkedHashMap<>();
		trade.put("id", UUID.randomUUID().toString());
		trade.put("seq", sequence);
		trade.put("timestamp", this.clock.millis());
		trade.put("symbol", SYMBOLS[instrument]);
		trade.put("price", BigDecimal.valueOf(price).setScale(2, RoundingMode.HALF_UP));
		trade.put("volume", 1 + random.nextInt(5_000));
		trade.put("side", random.nextBoolean() ? "BUY" : "SELL");
		return this.json.writeValueAsBytes(trade);
	}

}
