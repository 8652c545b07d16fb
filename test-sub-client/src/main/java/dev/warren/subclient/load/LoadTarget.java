package dev.warren.subclient.load;

/**
 * What a load run measures.
 */
public enum LoadTarget {

	/**
	 * Warren: the producer publishes into {@code warren.ingest}, clients connect to
	 * socket-server nodes with a token and subscribe to {@code /user/queue/data} and
	 * {@code /topic/<name>}.
	 */
	WARREN,

	/**
	 * RabbitMQ's own Web-STOMP plugin, the peer: the producer publishes into
	 * {@code amq.topic}, clients log in as the AMQP user and subscribe to
	 * {@code /topic/<routing key>} for each key they should receive.
	 */
	WEB_STOMP,

	/**
	 * publisher-service's ingest hop alone: the producer publishes into
	 * {@code warren.ingest} and the tool counts what arrives on {@code warren.deliveries}
	 * through its own queue; no WebSocket clients.
	 */
	INGEST

}
