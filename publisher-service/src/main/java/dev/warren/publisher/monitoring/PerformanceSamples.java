package dev.warren.publisher.monitoring;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.warren.publisher.node.NodeAnnouncements;

/**
 * The {@code warren_performance_sample} table, and the warnings nodes report: every node
 * announces itself every 5 s with its gauges (connections, subscriptions), its counters
 * since it started (messages in and out, dropped), the p99 of its delivery latency over
 * the last interval, and the warnings it noticed since its last announcement. Per node
 * and period ({@code warren.monitoring.sample-interval}) this keeps the last gauges, the
 * counters' growth (a node that restarted counts from zero again) and the highest p99,
 * and writes the row once the period is over. Each publisher-service instance hears every
 * node; the table's key keeps the first row of each node and period.
 */
@Component
class PerformanceSamples implements NodeAnnouncements {

	private static final Logger logger = LoggerFactory.getLogger(PerformanceSamples.class);

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final MonitoringProperties properties;

	private final Warnings warnings;

	private final long periodMillis;

	/** Per node, the period being summed. */
	private final Map<String, NodePeriod> open = new HashMap<>();

	/** Per node, the counters of its last announcement, and when that arrived. */
	private final Map<String, Counters> last = new HashMap<>();

	private final Map<String, Long> lastSeen = new HashMap<>();

	private final List<Sample> completed = new ArrayList<>();

	PerformanceSamples(JdbcTemplate jdbc, Clock clock, MonitoringProperties properties, Warnings warnings) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
		this.warnings = warnings;
		this.periodMillis = properties.sampleInterval().toMillis();
	}

	@Override
	public void announced(String node, JsonNode status, Instant receivedAt) {
		Counters now = new Counters(status.path("startedAt").asString(""), status.path("messagesIn").asLong(),
				status.path("messagesOut").asLong(), status.path("dropped").asLong());
		JsonNode p99 = status.path("p99Ms");
		Instant periodStart = Instant
			.ofEpochMilli(Math.floorDiv(receivedAt.toEpochMilli(), this.periodMillis) * this.periodMillis);
		synchronized (this) {
			NodePeriod period = this.open.get(node);
			if (period != null && !period.start.equals(periodStart)) {
				this.completed.add(period.sample(node, this.periodMillis));
				period = null;
			}
			if (period == null) {
				period = new NodePeriod(periodStart);
				this.open.put(node, period);
			}
			period.add(status.path("connections").asInt(), status.path("subscriptions").asInt(),
					now.growthSince(this.last.put(node, now)), p99.isNumber() ? p99.asDouble() : null);
			this.lastSeen.put(node, receivedAt.toEpochMilli());
		}
		for (JsonNode warning : status.path("warnings")) {
			this.warnings.record(Instant.ofEpochMilli(warning.path("at").asLong()), node,
					warning.path("client").asString(null), warning.path("kind").asString("unknown"),
					warning.path("detail").asString(""),
					warning.path("seq").isNumber() ? warning.path("seq").asLong() : null);
		}
		long dropped = status.path("warningsDropped").asLong();
		if (dropped > 0) {
			this.warnings.record(receivedAt, node, null, "warnings-dropped",
					dropped + " warnings of this node were not reported: more than it reports per announcement");
		}
	}

	/** Closes the periods that are over, the silent nodes' too, and writes them. */
	@Scheduled(fixedDelay = 1_000, initialDelay = 1_000)
	void flush() {
		long now = this.clock.millis();
		List<Sample> batch;
		synchronized (this) {
			for (Iterator<Map.Entry<String, NodePeriod>> it = this.open.entrySet().iterator(); it.hasNext();) {
				Map.Entry<String, NodePeriod> entry = it.next();
				if (entry.getValue().start.toEpochMilli() + this.periodMillis <= now) {
					this.completed.add(entry.getValue().sample(entry.getKey(), this.periodMillis));
					it.remove();
				}
			}
			// A node's counters stay known for its next announcement, until it is gone.
			long forgetBefore = now - Math.max(3 * this.periodMillis, 60_000);
			this.lastSeen.values().removeIf((seenAt) -> seenAt < forgetBefore);
			this.last.keySet().retainAll(this.lastSeen.keySet());
			batch = new ArrayList<>(this.completed);
			this.completed.clear();
		}
		for (int i = 0; i < batch.size(); i++) {
			Sample sample = batch.get(i);
			try {
				this.jdbc.update(
						"INSERT INTO warren_performance_sample (node_id, period_start, period_seconds,"
								+ " connections, subscriptions, messages_in, messages_out, dropped, p99_latency_ms)"
								+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
						sample.node(), Timestamp.from(sample.start()), sample.seconds(), sample.connections(),
						sample.subscriptions(), sample.in(), sample.out(), sample.dropped(), sample.p99());
			}
			catch (DuplicateKeyException ex) {
				// Another publisher-service instance wrote this node's period first.
			}
			catch (DataAccessException ex) {
				logger.atWarn()
					.log("Performance samples not written yet, kept for the next round: {}", ex.getMessage());
				synchronized (this) {
					this.completed.addAll(batch.subList(i, batch.size()));
				}
				return;
			}
		}
	}

	/** Samples past {@code warren.monitoring.retention} are deleted hourly. */
	@Scheduled(fixedDelay = 3_600_000, initialDelay = 120_000)
	void forgetOld() {
		this.jdbc.update("DELETE FROM warren_performance_sample WHERE period_start < ?",
				Timestamp.from(this.clock.instant().minus(this.properties.retention())));
	}

	private record Counters(String startedAt, long in, long out, long dropped) {

		/** Growth since the node's previous announcement; from zero after a restart. */
		Counters growthSince(Counters before) {
			if (before == null) {
				// The first announcement this instance hears: its base is unknown.
				return new Counters(this.startedAt, 0, 0, 0);
			}
			if (!before.startedAt.equals(this.startedAt) || this.in < before.in || this.out < before.out
					|| this.dropped < before.dropped) {
				return this;
			}
			return new Counters(this.startedAt, this.in - before.in, this.out - before.out,
					this.dropped - before.dropped);
		}

	}

	private static final class NodePeriod {

		private final Instant start;

		private int connections;

		private int subscriptions;

		private long in;

		private long out;

		private long dropped;

		private Double p99;

		NodePeriod(Instant start) {
			this.start = start;
		}

		void add(int connections, int subscriptions, Counters growth, Double p99) {
			this.connections = connections;
			this.subscriptions = subscriptions;
			this.in += growth.in();
			this.out += growth.out();
			this.dropped += growth.dropped();
			if (p99 != null && (this.p99 == null || p99 > this.p99)) {
				this.p99 = p99;
			}
		}

		Sample sample(String node, long periodMillis) {
			return new Sample(node, this.start, (int) (periodMillis / 1000), this.connections, this.subscriptions,
					this.in, this.out, this.dropped, this.p99);
		}

	}

	private record Sample(String node, Instant start, int seconds, int connections, int subscriptions, long in,
			long out, long dropped, Double p99) {
	}

}
