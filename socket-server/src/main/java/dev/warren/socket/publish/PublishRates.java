package dev.warren.socket.publish;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * How fast each client may publish on this node: a bucket per client, refilled at
 * {@code perSecond} a second, holding as many; buckets of clients that went quiet are
 * dropped by {@link #forgetIdle()}.
 */
public final class PublishRates {

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final int perSecond;

	private final Bandwidth limit;

	public PublishRates(int perSecond) {
		this.perSecond = perSecond;
		this.limit = Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build();
	}

	boolean tryAcquire(String clientId) {
		return this.buckets.computeIfAbsent(clientId, (id) -> Bucket.builder().addLimit(this.limit).build())
			.tryConsume(1);
	}

	int perSecond() {
		return this.perSecond;
	}

	/** Drops the buckets that are full again: their clients have not published lately. */
	public void forgetIdle() {
		this.buckets.values().removeIf((bucket) -> bucket.getAvailableTokens() >= this.perSecond);
	}

}
