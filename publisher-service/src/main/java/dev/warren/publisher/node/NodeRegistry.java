package dev.warren.publisher.node;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;

import dev.warren.common.WarrenNames;

/**
 * The socket-server nodes that run, as they announce themselves every
 * {@link WarrenNames#NODE_STATUS_INTERVAL}; a node not heard of in three intervals is
 * gone. Each publisher-service instance hears every announcement on a queue of its own.
 */
public class NodeRegistry implements MessageListener {

	private static final Logger logger = LoggerFactory.getLogger(NodeRegistry.class);

	static final int MISSED_INTERVALS = 3;

	private final Map<String, NodeView> nodes = new ConcurrentHashMap<>();

	private final JsonMapper json;

	private final Clock clock;

	private final List<NodeAnnouncements> listeners;

	/**
	 * Creates a registry; {@link NodeRegistryConfiguration} feeds it from its queue.
	 * @param json reads the announcements
	 * @param clock tells which nodes went silent
	 * @param listeners told of every announcement besides
	 */
	public NodeRegistry(JsonMapper json, Clock clock, List<NodeAnnouncements> listeners) {
		this.json = json;
		this.clock = clock;
		this.listeners = listeners;
	}

	@Override
	public void onMessage(Message message) {
		try {
			JsonNode status = this.json.readTree(message.getBody());
			String node = status.path("node").asString(null);
			if (node == null || node.isEmpty()) {
				return;
			}
			Map<String, Integer> topics = new HashMap<>();
			status.path("topics").properties().forEach((topic) -> topics.put(topic.getKey(), topic.getValue().asInt()));
			Instant now = this.clock.instant();
			this.nodes.put(node,
					new NodeView(node, status.path("url").asString(null),
							Instant.parse(status.path("startedAt").asString()), status.path("connections").asInt(),
							status.path("subscriptions").asInt(), now, Map.copyOf(topics)));
			for (NodeAnnouncements listener : this.listeners) {
				listener.announced(node, status, now);
			}
		}
		catch (RuntimeException ex) {
			// JacksonException among them; a bad startedAt too.
			logger.atWarn().log("Malformed node status dropped: {}", ex.getMessage());
		}
	}

	/**
	 * The nodes heard of lately, by id.
	 * @return them
	 */
	public List<NodeView> live() {
		Instant since = this.clock.instant().minus(WarrenNames.NODE_STATUS_INTERVAL.multipliedBy(MISSED_INTERVALS));
		this.nodes.values().removeIf((node) -> node.lastSeenAt().isBefore(since));
		return this.nodes.values().stream().sorted(Comparator.comparing(NodeView::node)).toList();
	}

	/**
	 * The URL of the live node with the fewest connections, among those that announce
	 * one.
	 * @return the URL, or empty when no live node announces one
	 */
	public Optional<String> leastLoadedUrl() {
		return live().stream()
			.filter((node) -> node.url() != null && !node.url().isEmpty())
			.min(Comparator.comparingInt(NodeView::connections))
			.map(NodeView::url);
	}

	/**
	 * How many subscribers each topic has on the live nodes together, summed once for a
	 * whole page of the catalogue.
	 * @return topic name to count; topics without subscribers left out
	 */
	public Map<String, Integer> subscribers() {
		Map<String, Integer> counts = new HashMap<>();
		for (NodeView node : live()) {
			node.topics().forEach((topic, count) -> counts.merge(topic, count, Integer::sum));
		}
		return counts;
	}

}
