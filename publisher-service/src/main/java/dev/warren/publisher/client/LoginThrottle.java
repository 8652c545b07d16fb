package dev.warren.publisher.client;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Throttles registration and login (Bucket4j token buckets): every request counts against
 * its source address, every failure against its email. A throttled request is refused
 * with 429 before any password is checked, and counted in
 * {@code warren.abuse.throttled{limit}}.
 * <p>
 * The buckets live in this instance's memory, bounded: past {@value #MAX_TRACKED} tracked
 * addresses or accounts they start afresh rather than grow.
 */
@Component
class LoginThrottle {

	static final int MAX_TRACKED = 100_000;

	private final ThrottleProperties properties;

	private final Map<String, Bucket> addresses = new ConcurrentHashMap<>();

	private final Map<String, Bucket> accounts = new ConcurrentHashMap<>();

	private final Counter addressThrottled;

	private final Counter accountThrottled;

	LoginThrottle(ThrottleProperties properties, MeterRegistry meters) {
		this.properties = properties;
		this.addressThrottled = Counter.builder("warren.abuse.throttled")
			.description("Requests refused by an abuse limit")
			.tag("limit", "login-address")
			.register(meters);
		this.accountThrottled = Counter.builder("warren.abuse.throttled")
			.description("Requests refused by an abuse limit")
			.tag("limit", "login-account")
			.register(meters);
	}

	/**
	 * Counts a request from {@code address} and checks the account may still try.
	 * @param address the source address
	 * @param email the account's email as given
	 * @throws TooManyAttemptsException when either limit is reached
	 */
	void attempt(String address, String email) {
		ConsumptionProbe probe = bucket(this.addresses, address, this.properties.perAddress())
			.tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			this.addressThrottled.increment();
			throw new TooManyAttemptsException(Duration.ofNanos(probe.getNanosToWaitForRefill()));
		}
		EstimationProbe account = bucket(this.accounts, key(email), this.properties.perAccount())
			.estimateAbilityToConsume(1);
		if (!account.canBeConsumed()) {
			this.accountThrottled.increment();
			throw new TooManyAttemptsException(Duration.ofNanos(account.getNanosToWaitForRefill()));
		}
	}

	/**
	 * Counts a failed attempt (wrong password, unknown email) against the account.
	 * @param email the account's email as given
	 */
	void failed(String email) {
		bucket(this.accounts, key(email), this.properties.perAccount()).tryConsume(1);
	}

	private Bucket bucket(Map<String, Bucket> buckets, String key, int capacity) {
		if (buckets.size() >= MAX_TRACKED && !buckets.containsKey(key)) {
			buckets.clear();
		}
		return buckets.computeIfAbsent(key,
				(k) -> Bucket.builder()
					.addLimit((limit) -> limit.capacity(capacity).refillGreedy(capacity, this.properties.window()))
					.build());
	}

	private static String key(String email) {
		return (email != null) ? email.strip().toLowerCase(Locale.ROOT) : "";
	}

}
