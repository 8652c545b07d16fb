package dev.warren.subclient.load;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

/**
 * Publishes load messages at a steady rate: every millisecond it sends what the rate says
 * is due by then, so a slow moment is caught up instead of lowering the rate. Each
 * message gets the next sequence number of its stream and its send time, and adds to the
 * number of deliveries the run expects: one for each member of its {@link Audience} it
 * addresses. Between two publishes it applies the audience's joins and leaves. The
 * channel is in confirm mode; the run waits for every confirm at the end, so a message
 * the broker did not take is reported, not counted as lost downstream.
 */
final class LoadProducer {

	private static final AMQP.BasicProperties JSON = new AMQP.BasicProperties.Builder().contentType("application/json")
		.build();

	private final Channel channel;

	private final String exchange;

	private final LoadPlan plan;

	private final LoadStats stats;

	private final int bodySize;

	private final MessageKind[] cycle;

	private final Audience audience;

	/** The last sequence number published, by stream id. */
	private final long[] sequences;

	private final String[] topicKeys;

	private final String[] directKeys;

	private final String broadcastKey;

	long published;

	long expected;

	/**
	 * @param connection the AMQP connection to publish on
	 * @param exchange {@code warren.ingest} for Warren, {@code amq.topic} for Web-STOMP
	 * @param plan who receives what
	 * @param stats the run's clock
	 * @param bodySize body size in bytes
	 * @param cycle message kinds in the order they are sent, repeated
	 * @param audience the clients messages are addressed to: those that are subscribed
	 * (the joins asked for so far are applied at once)
	 * @throws IOException when the channel cannot be opened
	 */
	LoadProducer(Connection connection, String exchange, LoadPlan plan, LoadStats stats, int bodySize,
			List<MessageKind> cycle, Audience audience) throws IOException {
		this.channel = connection.createChannel();
		this.channel.confirmSelect();
		this.exchange = exchange;
		this.plan = plan;
		this.stats = stats;
		this.bodySize = bodySize;
		this.cycle = cycle.toArray(MessageKind[]::new);
		this.audience = audience;
		this.sequences = new long[plan.directStream(plan.clients())];
		audience.apply(this.sequences);
		this.topicKeys = new String[plan.topics()];
		for (int t = 0; t < plan.topics(); t++) {
			this.topicKeys[t] = "topic." + plan.topicName(t);
		}
		this.directKeys = new String[plan.clients()];
		for (int c = 0; c < plan.clients(); c++) {
			this.directKeys[c] = "client." + plan.clientId(c);
		}
		this.broadcastKey = "broadcast";
	}

	/**
	 * Publishes at {@code rate} messages per second for {@code seconds}, on the calling
	 * thread; at rate 0 it only applies the audience's changes for that long.
	 * @param rate messages per second
	 * @param seconds how long
	 * @throws IOException when publishing fails
	 */
	void run(double rate, int seconds) throws IOException {
		long start = System.nanoTime();
		long end = start + TimeUnit.SECONDS.toNanos(seconds);
		long total = (long) (rate * seconds);
		long issued = 0;
		int topic = 0;
		int direct = 0;
		while (true) {
			this.audience.apply(this.sequences);
			long now = System.nanoTime();
			long due = Math.min(total, (long) ((now - start) / 1e9 * rate));
			while (issued < due) {
				MessageKind kind = this.cycle[(int) (issued++ % this.cycle.length)];
				switch (kind) {
					case TOPIC -> {
						int t = nextTopic(topic);
						topic = t + 1;
						send(this.topicKeys[t], t, this.audience.subscribers(t));
					}
					case DIRECT -> {
						// No member (every connection being replaced at once): nobody to
						// address, so nothing is sent.
						if (this.audience.size() > 0) {
							int client = this.audience.member(direct++ % this.audience.size());
							send(this.directKeys[client], this.plan.directStream(client), 1);
						}
					}
					case BROADCAST -> send(this.broadcastKey, this.plan.broadcastStream(), this.audience.size());
				}
			}
			if (issued >= total && now >= end) {
				return;
			}
			LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(500));
		}
	}

	Audience audience() {
		return this.audience;
	}

	private int nextTopic(int from) {
		int topics = this.audience.topics();
		for (int i = 0; i < topics; i++) {
			int t = (from + i) % topics;
			if (this.audience.subscribers(t) > 0) {
				return t;
			}
		}
		return from % topics;
	}

	private void send(String routingKey, int stream, int deliveries) throws IOException {
		long sequence = ++this.sequences[stream];
		byte[] body = LoadPayload.encode(stream, sequence, this.stats.now(), this.bodySize);
		this.channel.basicPublish(this.exchange, routingKey, JSON, body);
		this.published++;
		this.expected += deliveries;
	}

	/**
	 * Starts counting afresh after a warm-up; sequence numbers go on, and every member is
	 * addressed from the next message on.
	 */
	void resetCounts() {
		this.audience.readdress(this.sequences);
		this.published = 0;
		this.expected = 0;
	}

	/**
	 * Waits for the broker's confirms of everything published.
	 * @param timeoutMillis how long to wait
	 * @return {@code true} when every message was confirmed, {@code false} when one was
	 * refused or confirms did not arrive in time
	 * @throws InterruptedException when interrupted
	 */
	boolean confirmed(long timeoutMillis) throws InterruptedException {
		try {
			return this.channel.waitForConfirms(timeoutMillis);
		}
		catch (TimeoutException ex) {
			return false;
		}
	}

}
