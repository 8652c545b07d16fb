package dev.warren.socket.drain;

/**
 * Something the drain does before it closes the sessions, in order.
 */
public interface DrainStep {

	/**
	 * Runs while every session is still open and handshakes are already refused.
	 */
	void beforeClosing();

}
