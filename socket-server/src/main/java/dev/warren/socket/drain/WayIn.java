package dev.warren.socket.drain;

/**
 * A way in as the drain sees it: sessions it can close with a reconnect hint, and how
 * many are still open.
 */
public interface WayIn {

	/** WebSocket close code that tells a client to reconnect: 1012 "service restart". */
	int RECONNECT_CODE = 1012;

	/** The close reason sent with {@link #RECONNECT_CODE}. */
	String RECONNECT_REASON = "node shutting down: reconnect";

	/**
	 * Starts closing every open session with {@code code} and {@code reason}; returns
	 * without waiting.
	 * @param code the WebSocket close code
	 * @param reason the close reason
	 * @return how many sessions are being closed
	 */
	int closeAll(int code, String reason);

	/**
	 * Number of sessions still open.
	 * @return the count
	 */
	int size();

	/**
	 * Closes every session with the reconnect hint and waits, at most
	 * {@link CloseWait#LIMIT}, until they are gone.
	 * @param wayIn the way in
	 * @return how many sessions were closed
	 */
	static int drain(WayIn wayIn) {
		int closing = wayIn.closeAll(RECONNECT_CODE, RECONNECT_REASON);
		CloseWait.untilClosed(wayIn::size);
		return closing;
	}

}
