package dev.warren.socket.hub;

/**
 * What the hub needs of the connection behind a session, whichever way in holds it.
 */
public interface SessionTransport {

	/**
	 * Whether the connection is still open.
	 * @return {@code false} once it closed
	 */
	boolean isOpen();

	/**
	 * The session's token ran out: tell the client in its protocol's terms, after what is
	 * already queued for it, then close.
	 */
	void tokenExpired();

}
