package dev.warren.e2e.faults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.warren.common.WarrenNames;

/**
 * A producer as a careful application writes one: it publishes into {@code warren.ingest}
 * at a steady rate with publisher confirms and the mandatory flag, keeps every message
 * until RabbitMQ confirmed it, and when its connection breaks it reconnects and publishes
 * again what was not confirmed, under the same {@code warren-id}. A message counts as
 * accepted only once confirmed: that is what Warren must never lose.
 * <p>
 * Message {@code n} (from 1) goes to {@code targets[(n - 1) % targets.size()]} and reads
 * {@code <routing key>|<n>|<due epoch ms>|<sent, epoch µs>|<padding>}; it is due at
 * {@code start + n / rate}, so what could not be published during an outage is published
 * as soon as RabbitMQ is back, and its due time still says when it was meant to go.
 */
final class ConfirmingProducer implements AutoCloseable {

	private static final long ORIGIN_NANOS = System.nanoTime();

	private static final long ORIGIN_MICROS = System.currentTimeMillis() * 1000;

	private final ConnectionFactory factory;

	private final String exchange;

	private final List<String> targets;

	private final int rate;

	private final String padding;

	private final String idPrefix;

	private final Deque<Long> retry = new ArrayDeque<>();

	private final NavigableMap<Long, Long> outstanding = new TreeMap<>();

	private final Set<Long> returned = ConcurrentHashMap.newKeySet();

	private final Set<Long> confirmed = ConcurrentHashMap.newKeySet();

	private final Thread thread;

	private volatile boolean stopping;

	private volatile long generated;

	private volatile int reconnects;

	private long startMillis;

	/**
	 * A producer, not yet started.
	 * @param factory where RabbitMQ is
	 * @param targets routing keys, in turn
	 * @param rate messages a second
	 * @param bodyBytes padding so each body has about this size
	 * @param idPrefix prefix of every {@code warren-id}
	 */
	ConfirmingProducer(ConnectionFactory factory, List<String> targets, int rate, int bodyBytes, String idPrefix) {
		this.factory = factory;
		this.exchange = "warren.ingest";
		this.targets = List.copyOf(targets);
		this.rate = rate;
		this.padding = "x".repeat(Math.max(0, bodyBytes - 64));
		this.idPrefix = idPrefix;
		this.thread = new Thread(this::run, "fault-producer-" + idPrefix);
		this.thread.setDaemon(true);
	}

	ConfirmingProducer start() {
		this.startMillis = System.currentTimeMillis();
		this.thread.start();
		return this;
	}

	/**
	 * Stops generating messages and waits until everything generated is confirmed.
	 * @param timeoutMillis how long to wait for the last confirms
	 */
	void finish(long timeoutMillis) {
		this.stopping = true;
		try {
			this.thread.join(timeoutMillis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	long generated() {
		return this.generated;
	}

	Set<Long> confirmed() {
		return this.confirmed;
	}

	int reconnects() {
		return this.reconnects;
	}

	/**
	 * When message {@code n} was due.
	 * @param n its number
	 * @return epoch milliseconds
	 */
	long dueAt(long n) {
		return this.startMillis + n * 1000 / this.rate;
	}

	String target(long n) {
		return this.targets.get((int) ((n - 1) % this.targets.size()));
	}

	private void run() {
		long deadline = Long.MAX_VALUE;
		while (true) {
			if (this.stopping && deadline == Long.MAX_VALUE) {
				deadline = System.currentTimeMillis() + 60_000;
			}
			if (System.currentTimeMillis() > deadline || (this.stopping && allConfirmed())) {
				return;
			}
			try (Connection connection = this.factory.newConnection("fault-producer")) {
				Channel channel = connection.createChannel();
				channel.confirmSelect();
				channel.addReturnListener((reply) -> this.returned
					.add(number(reply.getProperties().getHeaders().get(WarrenNames.ID_HEADER).toString())));
				channel.addConfirmListener((tag, multiple) -> settle(tag, multiple, true),
						(tag, multiple) -> settle(tag, multiple, false));
				publishUntilBroken(channel);
				if (this.stopping && allConfirmed()) {
					return;
				}
			}
			catch (Exception ex) {
				// Broken or refused: what is outstanding is published again on the next
				// connection.
			}
			synchronized (this) {
				for (Long n : this.outstanding.descendingMap().values()) {
					this.retry.addFirst(n);
				}
				this.outstanding.clear();
			}
			this.reconnects++;
			FaultBroker.pause(250);
		}
	}

	private void publishUntilBroken(Channel channel) throws Exception {
		while (channel.isOpen()) {
			Long next = nextDue();
			if (next == null) {
				if (this.stopping && allConfirmed()) {
					return;
				}
				Thread.sleep(2);
				continue;
			}
			Map<String, Object> headers = new HashMap<>();
			headers.put(WarrenNames.ID_HEADER, this.idPrefix + "-" + next);
			AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("text/plain")
				.deliveryMode(2)
				.headers(headers)
				.build();
			String body = target(next) + "|" + next + "|" + dueAt(next) + "|" + nowMicros() + "|" + this.padding;
			synchronized (this) {
				this.outstanding.put(channel.getNextPublishSeqNo(), next);
			}
			channel.basicPublish(this.exchange, target(next), true, properties, body.getBytes(StandardCharsets.UTF_8));
		}
	}

	private synchronized Long nextDue() {
		if (!this.retry.isEmpty()) {
			return this.retry.pollFirst();
		}
		if (this.stopping) {
			return null;
		}
		long n = this.generated + 1;
		if (dueAt(n) > System.currentTimeMillis()) {
			return null;
		}
		this.generated = n;
		return n;
	}

	private synchronized void settle(long tag, boolean multiple, boolean ack) {
		NavigableMap<Long, Long> settled = multiple ? this.outstanding.headMap(tag, true)
				: this.outstanding.subMap(tag, true, tag, true);
		for (Long n : settled.values()) {
			if (ack && !this.returned.remove(n)) {
				this.confirmed.add(n);
			}
			else {
				this.returned.remove(n);
				this.retry.addLast(n);
			}
		}
		settled.clear();
	}

	private synchronized boolean allConfirmed() {
		return this.retry.isEmpty() && this.outstanding.isEmpty() && this.confirmed.size() >= this.generated;
	}

	/**
	 * Wall-clock time in microseconds, finer than {@link System#currentTimeMillis()}: the
	 * producer and the clients share this JVM, so latencies measured with it are exact.
	 * @return microseconds since the epoch
	 */
	static long nowMicros() {
		return ORIGIN_MICROS + (System.nanoTime() - ORIGIN_NANOS) / 1000;
	}

	private long number(String id) {
		return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
	}

	@Override
	public void close() {
		this.stopping = true;
		try {
			this.thread.join(TimeUnit.SECONDS.toMillis(5));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
