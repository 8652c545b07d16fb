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
 * number of deliveries the run expects. The channel is in confirm mode; the run waits for
 * every confirm at the end, so a message the broker did not take is reported, not counted
 * as lost downstream.
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

	private final int[] subscribersPerTopic;

	private final int[] directTargets;

	private final int everyone;

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
	 * @param subscribed the clients that are subscribed (messages are addressed only to
	 * them)
	 * @throws IOException when the channel cannot be opened
	 */
	LoadProducer(Connection connection, String exchange, LoadPlan plan, LoadStats stats, int bodySize,
			List<MessageKind> cycle, List<Integer> subscribed) throws IOException {
		this.channel = connection.createChannel();
		this.channel.confirmSelect();
		this.exchange = exchange;
		this.plan = plan;
		this.stats = stats;
		this.bodySize = bodySize;
		this.cycle = cycle.toArray(MessageKind[]::new);
		this.subscribersPerTopic = new int[plan.topics()];
		for (int client : subscribed) {
			for (int j = 0; j < plan.topicsPerClient(); j++) {
				this.subscribersPerTopic[plan.topicOf(client, j)]++;
			}
		}
		this.directTargets = subscribed.stream().mapToInt(Integer::intValue).toArray();
		this.everyone = subscribed.size();
		this.sequences = new long[plan.directStream(plan.clients())];
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
	 * thread.
	 * @param rate messages per second
	 * @param seconds how long
	 * @throws IOException when publishing fails
	 */
	void run(double rate, int seconds) throws IOException {
		long start = System.nanoTime();
		long end = start + TimeUnit.SECONDS.toNanos(seconds);
		long total = (long) (rate * seconds);
		int topic = 0;
		int direct = 0;
		while (this.published < total) {
			long now = System.nanoTime();
			long due = Math.min(total, (long) ((now - start) / 1e9 * rate));
			while (this.published < due) {
				MessageKind kind = this.cycle[(int) (this.published % this.cycle.length)];
				switch (kind) {
					case TOPIC -> {
						int t = nextTopic(topic);
						topic = t + 1;
						send(this.topicKeys[t], t, this.subscribersPerTopic[t]);
					}
					case DIRECT -> {
						int client = this.directTargets[direct++ % this.directTargets.length];
						send(this.directKeys[client], this.plan.directStream(client), 1);
					}
					case BROADCAST -> send(this.broadcastKey, this.plan.broadcastStream(), this.everyone);
				}
			}
			if (now < end) {
				LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(500));
			}
		}
	}

	private int nextTopic(int from) {
		for (int i = 0; i < this.subscribersPerTopic.length; i++) {
			int t = (from + i) % this.subscribersPerTopic.length;
			if (this.subscribersPerTopic[t] > 0) {
				return t;
			}
		}
		return from % this.subscribersPerTopic.length;
	}

	private void send(String routingKey, int stream, int deliveries) throws IOException {
		long sequence = ++this.sequences[stream];
		byte[] body = LoadPayload.encode(stream, sequence, this.stats.now(), this.bodySize);
		this.channel.basicPublish(this.exchange, routingKey, JSON, body);
		this.published++;
		this.expected += deliveries;
	}

	/**
	 * Starts counting afresh after a warm-up; sequence numbers go on.
	 */
	void resetCounts() {
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
