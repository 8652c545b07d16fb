package dev.warren.publisher.topic;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import dev.warren.publisher.ingest.TopicSightings;

/**
 * Records a topic first seen on the ingest path in the catalogue, as public, so the
 * catalogue shows what flows. The ingest consumer only checks a set this instance keeps;
 * the database and the announcement happen on a thread of their own, at most
 * {@value #MAX_PENDING} waiting (more are dropped and tried again when seen again).
 */
@Component
class SeenTopics implements TopicSightings, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(SeenTopics.class);

	static final int MAX_PENDING = 1_000;

	/**
	 * Past this many known names the set stops growing: the catalogue has them anyway.
	 */
	static final int MAX_KNOWN = 100_000;

	private final Set<String> known = ConcurrentHashMap.newKeySet();

	private final ThreadPoolExecutor recorder = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
			new ArrayBlockingQueue<>(MAX_PENDING), (task) -> new Thread(task, "warren-topic-catalogue"));

	private final TopicService topics;

	SeenTopics(TopicService topics) {
		this.topics = topics;
		this.known.add(TopicEvents.CATALOGUE_TOPIC);
	}

	@Override
	public void seen(String topic) {
		if (this.known.contains(topic) || this.known.size() >= MAX_KNOWN || !this.known.add(topic)) {
			return;
		}
		try {
			this.recorder.execute(() -> record(topic));
		}
		catch (RejectedExecutionException ex) {
			this.known.remove(topic);
		}
	}

	private void record(String topic) {
		try {
			this.topics.recordSeen(topic);
		}
		catch (RuntimeException ex) {
			// The database or the broker is away: try again when the topic is seen again.
			this.known.remove(topic);
			logger.atWarn()
				.addKeyValue("topic", topic)
				.log("Could not record a topic seen on ingest: {}", ex.toString());
		}
	}

	@Override
	public void destroy() {
		this.recorder.shutdownNow();
	}

}
