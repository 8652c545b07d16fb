package dev.warren.subclient.market;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Random-walk market data, per symbol: each tick moves the price by a small random
 * factor, with a bid and ask around it and a random volume. The rate, and which symbols
 * are paused, change live ({@link MarketControl}); the tick loop reads them on every
 * round.
 */
public final class MarketFeed {

	private final Map<String, Walk> walks = new LinkedHashMap<>();

	private final Set<String> paused = ConcurrentHashMap.newKeySet();

	private final Map<String, AtomicLong> published = new ConcurrentHashMap<>();

	private volatile double ticksPerSecond;

	private volatile boolean stopped;

	/**
	 * Creates a feed.
	 * @param symbols the symbols, each one topic {@code market.<SYMBOL>}
	 * @param ticksPerSecond ticks per second of each symbol
	 * @param seed seeds the walks, so a run can be repeated
	 */
	public MarketFeed(List<String> symbols, double ticksPerSecond, long seed) {
		Random random = new Random(seed);
		for (String symbol : symbols) {
			this.walks.put(symbol, new Walk(new Random(random.nextLong()), 50 + random.nextInt(450)));
			this.published.put(symbol, new AtomicLong());
		}
		this.ticksPerSecond = ticksPerSecond;
	}

	public List<String> symbols() {
		return List.copyOf(this.walks.keySet());
	}

	public double ticksPerSecond() {
		return this.ticksPerSecond;
	}

	/**
	 * Changes the rate of every symbol.
	 * @param ticksPerSecond the new rate, more than 0
	 */
	public void rate(double ticksPerSecond) {
		if (!(ticksPerSecond > 0) || ticksPerSecond > 10_000) {
			throw new IllegalArgumentException("rate must be more than 0 and at most 10000, not " + ticksPerSecond);
		}
		this.ticksPerSecond = ticksPerSecond;
	}

	/**
	 * Pauses or resumes a symbol.
	 * @param symbol the symbol
	 * @param pause whether to pause it
	 * @return whether the feed has that symbol
	 */
	public boolean pause(String symbol, boolean pause) {
		if (!this.walks.containsKey(symbol)) {
			return false;
		}
		if (pause) {
			this.paused.add(symbol);
		}
		else {
			this.paused.remove(symbol);
		}
		return true;
	}

	public boolean isPaused(String symbol) {
		return this.paused.contains(symbol);
	}

	public void stop() {
		this.stopped = true;
	}

	public boolean isStopped() {
		return this.stopped;
	}

	/**
	 * The next tick of a symbol, on the loop's thread only.
	 * @param symbol the symbol
	 * @param nowMillis the time to stamp
	 * @return the tick as JSON: {@code {symbol, price, bid, ask, volume, ts}}
	 */
	public String tick(String symbol, long nowMillis) {
		Walk walk = this.walks.get(symbol);
		walk.price = Math.max(0.01, walk.price * Math.exp(walk.random.nextGaussian() * 0.002));
		double spread = Math.max(0.01, walk.price * 0.0005);
		this.published.get(symbol).incrementAndGet();
		return String.format(Locale.ROOT,
				"{\"symbol\":\"%s\",\"price\":%.2f,\"bid\":%.2f,\"ask\":%.2f,\"volume\":%d,\"ts\":%d}", symbol,
				walk.price, walk.price - spread / 2, walk.price + spread / 2, 1 + walk.random.nextInt(1_000),
				nowMillis);
	}

	/**
	 * Ticks published so far, per symbol.
	 * @return symbol to count
	 */
	public Map<String, Long> published() {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.walks.keySet().forEach((symbol) -> counts.put(symbol, this.published.get(symbol).get()));
		return counts;
	}

	private static final class Walk {

		private final Random random;

		private double price;

		Walk(Random random, double price) {
			this.random = random;
			this.price = price;
		}

	}

}
