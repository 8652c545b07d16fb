package dev.warren.publisher.client;

/**
 * Which socket URL registration and login answers offer
 * ({@code warren.publisher.socket-url-strategy}).
 */
enum SocketUrlStrategy {

	/**
	 * Always {@code warren.publisher.socket-url}: a load balancer spreads the clients.
	 */
	FIXED,

	/** The live node with the fewest connections, by the URL it announces. */
	LEAST_LOADED

}
