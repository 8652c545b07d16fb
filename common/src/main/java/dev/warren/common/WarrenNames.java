package dev.warren.common;

import java.time.Duration;

/**
 * The wire names of Warren's contract, exactly as {@code docs/protocol.md} gives them.
 * Exchange and queue names here are defaults; {@link WarrenAmqpProperties} may rename
 * them per installation.
 */
public final class WarrenNames {

	/**
	 * Exchange producers publish to; the routing key names the destination. A fanout on
	 * RabbitMQ, a topic exchange on the embedded broker.
	 */
	public static final String INGEST_EXCHANGE = "warren.ingest";

	/**
	 * Suffix of the topic exchange bound to {@link #INGEST_EXCHANGE} for rabbit channels
	 * that take only some of its routing keys.
	 */
	public static final String INGEST_ROUTED_SUFFIX = ".routed";

	/**
	 * Queue of the default rabbit channel, bound to {@link #INGEST_EXCHANGE} with
	 * {@code #}.
	 */
	public static final String INGEST_QUEUE = "warren.ingest";

	/**
	 * Queue that receives ingest messages rejected as invalid, with
	 * {@link #REASON_HEADER}.
	 */
	public static final String DEAD_LETTER_QUEUE = "warren.ingest.dlq";

	/** Topic exchange the publisher republishes stamped messages to. */
	public static final String DELIVERIES_EXCHANGE = "warren.deliveries";

	/** Prefix of every socket-server node's own queue. */
	public static final String NODE_QUEUE_PREFIX = "warren.node.";

	/** Routing key prefix of a client's private channel. */
	public static final String CLIENT_KEY_PREFIX = "client.";

	/** Routing key prefix of a topic. */
	public static final String TOPIC_KEY_PREFIX = "topic.";

	/** Routing key of broadcast deliveries on {@link #DELIVERIES_EXCHANGE}. */
	public static final String BROADCAST_KEY = "broadcast";

	/**
	 * Routing key prefix of control messages on {@link #DELIVERIES_EXCHANGE}. A node
	 * queue is bound to {@link #TOPIC_RULE_KEY} and to its own
	 * {@link #NODE_CONTROL_KEY_PREFIX} key, so a control message is consumed in order
	 * with the deliveries around it.
	 */
	public static final String CONTROL_KEY_PREFIX = "control.";

	/**
	 * Routing key of a topic's access rule, a JSON object, on
	 * {@link #DELIVERIES_EXCHANGE}; every node receives it.
	 */
	public static final String TOPIC_RULE_KEY = "control.topic-rule";

	/**
	 * Routing key a node asks for every topic rule with, on {@link #DELIVERIES_EXCHANGE};
	 * publisher-service answers on the message's {@code reply-to}.
	 */
	public static final String TOPIC_RULES_REQUEST_KEY = "control.topic-rules-request";

	/**
	 * Routing key of a change to a client's encryption key (created, rotated or removed)
	 * on one publisher-service instance, on {@link #DELIVERIES_EXCHANGE}: the body is the
	 * client id (UTF-8), never the key. Every instance re-reads that client's key from
	 * the database.
	 */
	public static final String CLIENT_KEY_KEY = "control.client-key";

	/**
	 * Prefix of the routing key of what is meant for one node only: this prefix plus the
	 * node's queue name.
	 */
	public static final String NODE_CONTROL_KEY_PREFIX = "control.node.";

	/** Header: what a control message on a subscription says, such as {@code revoked}. */
	public static final String CONTROL_HEADER = "warren-control";

	/** STOMP destination of a client's private channel. */
	public static final String PRIVATE_DESTINATION = "/user/queue/data";

	/** STOMP destination prefix of topics. */
	public static final String TOPIC_DESTINATION_PREFIX = "/topic/";

	/** Header: unique id the publisher gives each message. */
	public static final String ID_HEADER = "warren-id";

	/** Header: epoch milliseconds at which the publisher took the message. */
	public static final String PUBLISHED_AT_HEADER = "warren-published-at";

	/**
	 * Prefix of the routing key a node announces its status with, every
	 * {@link #NODE_STATUS_INTERVAL}: this prefix plus the node id.
	 */
	public static final String NODE_STATUS_KEY_PREFIX = "control.node-status.";

	/**
	 * How often a node announces its status; a node not heard of in three intervals is
	 * gone.
	 */
	public static final Duration NODE_STATUS_INTERVAL = Duration.ofSeconds(5);

	/**
	 * Header: the client that published the message from its WebSocket session, set by
	 * the node it published through (never taken from the client).
	 */
	public static final String SENDER_HEADER = "warren-sender";

	/** STOMP destination prefix a client publishes to a topic with ({@code SEND}). */
	public static final String CLIENT_PUBLISH_PREFIX = "/app/topics/";

	/**
	 * Header of a record-sync message: {@code upsert}, {@code delete} or {@code clear},
	 * see {@code docs/protocol.md}.
	 */
	public static final String OP_HEADER = "warren-op";

	/**
	 * Header of an encrypted message: how its body is encrypted ({@link #FERNET}); its
	 * {@code content-type} describes the clear text.
	 */
	public static final String ENCRYPTION_HEADER = "warren-encryption";

	/**
	 * Header of one member's copy of an encrypted topic's message, set by
	 * publisher-service only: the client it is for (its routing key is
	 * {@code client.<member>}, its {@link #DESTINATION_HEADER} the topic).
	 */
	public static final String RECIPIENT_HEADER = "warren-recipient";

	/** {@link #ENCRYPTION_HEADER} value: the body is a Fernet token. */
	public static final String FERNET = "fernet";

	/** Header of a record-sync message: the collection it changes. */
	public static final String COLLECTION_HEADER = "warren-collection";

	/** Header of a record-sync message: the key of the record it changes. */
	public static final String KEY_HEADER = "warren-key";

	/** Header: STOMP destination the message is delivered on. */
	public static final String DESTINATION_HEADER = "warren-destination";

	/** Header on dead-lettered messages: why the message was rejected. */
	public static final String REASON_HEADER = "warren-reason";

	/** Header on dead-lettered messages: the routing key the message arrived with. */
	public static final String ORIGINAL_ROUTING_KEY_HEADER = "warren-original-routing-key";

	/**
	 * Header on dead-lettered messages: the queue (rabbit channel) it was consumed from.
	 */
	public static final String ORIGINAL_QUEUE_HEADER = "warren-original-queue";

	/**
	 * Header on every delivery: where the client can resume from, see
	 * {@code docs/protocol.md}.
	 */
	public static final String POSITION_HEADER = "warren-position";

	/**
	 * Header a client sends on {@code SUBSCRIBE} (and on {@code CONNECT} for its private
	 * channel): the last position it received, to be sent what it missed.
	 */
	public static final String SINCE_HEADER = "warren-since";

	/**
	 * {@link #CONTROL_HEADER} value: what the client missed is no longer in the history;
	 * live messages follow.
	 */
	public static final String CONTINUITY_LOST = "continuity-lost";

	/**
	 * Routing key of what a draining node announces to every node: the position its
	 * subscriptions resume from,
	 * {@code {"position":…,"subscriptions":[[clientId,key]…]}}.
	 */
	public static final String RESUME_KEY = "control.resume";

	/** Suffix of the history stream's name, after the deliveries exchange's. */
	public static final String HISTORY_STREAM_SUFFIX = ".history";

	private WarrenNames() {
	}

}
