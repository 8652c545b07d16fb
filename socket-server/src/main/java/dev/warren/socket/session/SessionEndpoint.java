package dev.warren.socket.session;

/**
 * What {@link SessionRegistry} needs of the connection behind a session, whichever server
 * holds it: Spring's WebSocket handler on the servlet container, or the Netty edge.
 */
public interface SessionEndpoint {

	/**
	 * Whether the connection is still open.
	 * @return {@code false} once it closed
	 */
	boolean isOpen();

	/**
	 * The session's token ran out: send {@code ERROR message:Unauthorized} with body
	 * {@code token expired} after what is already queued for the session, then close.
	 */
	void tokenExpired();

}
