package dev.warren.publisher.encryption;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The topics flagged {@code encrypted} and their members, held in memory for ingest,
 * which looks a topic up per topic message and never waits on the database. Loaded at
 * start; changed at once by this instance's own topic changes and, within milliseconds,
 * by every rule announcement ({@code control.topic-rule}, which carries
 * {@code encrypted}) made by any instance; read again from the database every
 * {@code warren.encryption.refresh-interval} in case an announcement was missed.
 */
public class EncryptedTopics implements MessageListener {

	private static final Logger log = LoggerFactory.getLogger(EncryptedTopics.class);

	private final JdbcClient jdbc;

	private volatile Map<String, Set<String>> members = Map.of();

	/** How many changes were taken; guarded by {@code this}. */
	private long changes;

	private final JsonMapper json;

	EncryptedTopics(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * The members of an encrypted topic.
	 * @param topic the topic
	 * @return its members, {@code null} when its messages travel as they are
	 */
	public Set<String> membersOf(String topic) {
		return this.members.get(topic);
	}

	/**
	 * Takes a change of a topic made by this instance.
	 * @param topic the topic
	 * @param encrypted whether it is (still) encrypted; {@code false} once deleted
	 * @param members its members
	 */
	public synchronized void changed(String topic, boolean encrypted, Set<String> members) {
		this.changes++;
		Map<String, Set<String>> next = new HashMap<>(this.members);
		if (encrypted) {
			next.put(topic, Set.copyOf(members));
		}
		else {
			next.remove(topic);
		}
		this.members = Map.copyOf(next);
	}

	/**
	 * A rule announcement on the deliveries exchange, from this instance or another.
	 * @param message {@code {"topic":…,"members":[…],"deleted":…,"encrypted":…,…}}
	 */
	@Override
	public void onMessage(Message message) {
		try {
			JsonNode rule = this.json.readTree(message.getBody());
			String topic = rule.path("topic").asString(null);
			if (topic == null) {
				return;
			}
			Set<String> members = new HashSet<>();
			rule.path("members").forEach((member) -> members.add(member.asString()));
			changed(topic, rule.path("encrypted").asBoolean(false) && !rule.path("deleted").asBoolean(false), members);
		}
		catch (JacksonException ex) {
			log.atWarn().log("Unreadable topic rule announcement dropped: {}", ex.getOriginalMessage());
		}
	}

	/**
	 * Reads every encrypted topic and its members.
	 */
	void refresh() {
		// Read without the lock: a slow or unreachable database must not hold up the
		// announcements, which keep the map current meanwhile.
		long changesBefore;
		synchronized (this) {
			changesBefore = this.changes;
		}
		Map<String, Set<String>> read = new HashMap<>();
		this.jdbc
			.sql("SELECT t.name, m.client_id FROM warren_topic t LEFT JOIN warren_topic_member m"
					+ " ON m.topic_name = t.name WHERE t.encrypted = TRUE")
			.query((rs) -> {
				Set<String> topicMembers = read.computeIfAbsent(rs.getString(1), (name) -> new HashSet<>());
				String member = rs.getString(2);
				if (member != null) {
					topicMembers.add(member);
				}
			});
		Map<String, Set<String>> next = new HashMap<>();
		read.forEach((topic, topicMembers) -> next.put(topic, Set.copyOf(topicMembers)));
		synchronized (this) {
			// A change taken during the read may be newer than what was read: the next
			// read has it.
			if (this.changes == changesBefore) {
				this.members = Map.copyOf(next);
			}
		}
	}

	@Scheduled(fixedDelayString = "${warren.encryption.refresh-interval:5s}",
			initialDelayString = "${warren.encryption.refresh-interval:5s}")
	void refreshQuietly() {
		try {
			refresh();
		}
		catch (DataAccessException ex) {
			log.atWarn().log("Could not read encrypted topics: {}", ex.getMostSpecificCause().getMessage());
		}
	}

}
