package dev.warren.subclient.load;

/**
 * What the load clients speak to Warren's nodes.
 */
public enum LoadProtocol {

	/** STOMP over WebSocket, at the edge's {@code /ws} or the servlet {@code /ws}. */
	STOMP,

	/** Warren's plain-JSON protocol, at the edge's {@code /ws/json}. */
	JSON

}
