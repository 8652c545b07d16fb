package dev.warren.common;

/**
 * Where a message goes, parsed from the routing key it was published with.
 * <p>
 * {@code client.<clientId>} addresses one client's private channel, {@code topic.<name>}
 * a topic, and any other key every connected client. A key that starts like a client or
 * topic key but carries an invalid name is rejected rather than broadcast: a typo must
 * never widen the audience.
 *
 * @param kind the kind of destination
 * @param name the client id or topic name; {@code null} for broadcast
 */
public record RoutingKey(Kind kind, String name) {

	private static final RoutingKey BROADCAST = new RoutingKey(Kind.BROADCAST, null);

	/** Kinds of destination. */
	public enum Kind {

		/** One client's private channel. */
		CLIENT,

		/** A named topic. */
		TOPIC,

		/** Every connected client's private channel. */
		BROADCAST

	}

	/**
	 * Parses a routing key from {@code warren.ingest}.
	 * @param key the routing key, may be {@code null} or empty (broadcast)
	 * @return the parsed key
	 * @throws InvalidRoutingKeyException when a client or topic key carries an invalid
	 * name
	 */
	public static RoutingKey parse(String key) {
		if (key == null) {
			return BROADCAST;
		}
		if (key.startsWith(WarrenNames.CLIENT_KEY_PREFIX)) {
			return named(Kind.CLIENT, key, WarrenNames.CLIENT_KEY_PREFIX.length());
		}
		if (key.startsWith(WarrenNames.TOPIC_KEY_PREFIX)) {
			return named(Kind.TOPIC, key, WarrenNames.TOPIC_KEY_PREFIX.length());
		}
		return BROADCAST;
	}

	/**
	 * The key for a client's private channel.
	 * @param clientId a valid client id
	 * @return the key
	 */
	public static RoutingKey client(String clientId) {
		return validated(Kind.CLIENT, clientId);
	}

	/**
	 * The key for a topic.
	 * @param name a valid topic name
	 * @return the key
	 */
	public static RoutingKey topic(String name) {
		return validated(Kind.TOPIC, name);
	}

	/**
	 * The broadcast key.
	 * @return the key
	 */
	public static RoutingKey broadcast() {
		return BROADCAST;
	}

	private static RoutingKey named(Kind kind, String key, int nameStart) {
		if (!ChannelName.isValid(key, nameStart, key.length())) {
			throw new InvalidRoutingKeyException(key, "invalid " + kind.name().toLowerCase() + " name in routing key '"
					+ key + "': expected 1-128 characters of [A-Za-z0-9_.-]");
		}
		return new RoutingKey(kind, key.substring(nameStart));
	}

	private static RoutingKey validated(Kind kind, String name) {
		if (!ChannelName.isValid(name)) {
			throw new InvalidRoutingKeyException(name, "invalid " + kind.name().toLowerCase() + " name '" + name
					+ "': expected 1-128 characters of [A-Za-z0-9_.-]");
		}
		return new RoutingKey(kind, name);
	}

	/**
	 * The routing key on {@code warren.deliveries}.
	 * @return {@code client.<id>}, {@code topic.<name>} or {@code broadcast}
	 */
	public String deliveryKey() {
		return switch (this.kind) {
			case CLIENT -> WarrenNames.CLIENT_KEY_PREFIX + this.name;
			case TOPIC -> WarrenNames.TOPIC_KEY_PREFIX + this.name;
			case BROADCAST -> WarrenNames.BROADCAST_KEY;
		};
	}

	/**
	 * The STOMP destination the message is delivered on.
	 * @return {@code /topic/<name>} for topics, {@code /user/queue/data} otherwise
	 */
	public String destination() {
		return (this.kind == Kind.TOPIC) ? WarrenNames.TOPIC_DESTINATION_PREFIX + this.name
				: WarrenNames.PRIVATE_DESTINATION;
	}

}
