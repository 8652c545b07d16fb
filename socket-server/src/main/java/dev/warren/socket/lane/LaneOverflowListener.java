package dev.warren.socket.lane;

/**
 * Told, once per session, that its lane went over its limits.
 */
@FunctionalInterface
public interface LaneOverflowListener {

	/**
	 * Called at most once per lane, on the thread that noticed; must not block.
	 * @param sessionId the WebSocket session
	 * @param reason which limit, for logs
	 */
	void overflowed(String sessionId, String reason);

	/**
	 * Called when frames of an overflowed lane are thrown away instead of sent.
	 * @param frames how many
	 */
	default void discarded(int frames) {
	}

}
