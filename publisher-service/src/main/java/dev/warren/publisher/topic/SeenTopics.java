package dev.warren.publisher.topic;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.warren.publisher.ingest.TopicSightings;

/**
 * What ingest tells the catalogue: a topic first seen is recorded as public, so the
 * catalogue shows what flows, and each topic's last message time is written every few
 * seconds. The ingest consumer only touches a map this instance keeps (no allocation once
 * a topic is known); the database work happens on threads of their own, at most
 * {@value #MAX_PENDING} new topics waiting (more are tried again when seen again).
 */
@Component
class SeenTopics implements TopicSightings, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(SeenTopics.class);

	static final int MAX_PENDING = 1_000;

	/** Past this many topics the map stops growing: the catalogue has them anyway. */
	static final int MAX_KNOWN = 100_000;

	private final Map<String, Sighting> sightings = new ConcurrentHashMap<>();

	private final ThreadPoolExecutor recorder = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
			new ArrayBlockingQueue<>(MAX_PENDING), (task) -> new Thread(task, "warren-topic-catalogue"));

	private final TopicService topics;

	private final JdbcClient jdbc;

	SeenTopics(TopicService topics, JdbcClient jdbc) {
		this.topics = topics;
		this.jdbc = jdbc;
	}

	@Override
	public void seen(String topic) {
		Sighting sighting = this.sightings.get(topic);
		if (sighting == null) {
			if (topic.equals(TopicEvents.CATALOGUE_TOPIC) || this.sightings.size() >= MAX_KNOWN) {
				return;
			}
			Sighting fresh = new Sighting();
			sighting = this.sightings.putIfAbsent(topic, fresh);
			if (sighting == null) {
				sighting = fresh;
				schedule(topic);
			}
		}
		sighting.last.set(System.currentTimeMillis());
	}

	private void schedule(String topic) {
		try {
			this.recorder.execute(() -> record(topic));
		}
		catch (RejectedExecutionException ex) {
			this.sightings.remove(topic);
		}
	}

	private void record(String topic) {
		try {
			this.topics.recordSeen(topic);
		}
		catch (RuntimeException ex) {
			// The database or the broker is away: try again when the topic is seen again.
			this.sightings.remove(topic);
			logger.atWarn()
				.addKeyValue("topic", topic)
				.log("Could not record a topic seen on ingest: {}", ex.toString());
		}
	}

	/** Writes the last message times that moved since the previous run. */
	@Scheduled(fixedDelay = 5_000, initialDelay = 5_000)
	void writeLastMessageTimes() {
		this.sightings.forEach((topic, sighting) -> {
			long last = sighting.last.get();
			if (last > sighting.written) {
				Timestamp at = Timestamp.from(Instant.ofEpochMilli(last));
				try {
					this.jdbc
						.sql("UPDATE warren_topic SET last_message_at = ? WHERE name = ? "
								+ "AND (last_message_at IS NULL OR last_message_at < ?)")
						.params(at, topic, at)
						.update();
					sighting.written = last;
				}
				catch (RuntimeException ex) {
					logger.atDebug().log("Could not write a topic's last message time: {}", ex.toString());
				}
			}
		});
	}

	@Override
	public void destroy() {
		this.recorder.shutdownNow();
	}

	/** A known topic's last message time, and the last one written. */
	private static final class Sighting {

		final AtomicLong last = new AtomicLong();

		volatile long written;

	}

}
