package dev.warren.socket.edge;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * A protocol the edge serves on a path of its port: STOMP on {@code /ws}, JSON on
 * {@code /ws/json}. The edge does the WebSocket part; the protocol gets each connection's
 * messages and writes through its {@link EdgeConnection}.
 */
public interface EdgeProtocol {

	/**
	 * The path clients upgrade on.
	 * @return the path, e.g. {@code /ws}
	 */
	String path();

	/**
	 * The WebSocket subprotocols to negotiate.
	 * @return comma-separated names, or {@code null} for none
	 */
	String subprotocols();

	/**
	 * A connection completed its upgrade on {@link #path()}; on its I/O thread.
	 * @param connection the connection
	 * @param requestHeaders the upgrade request's headers
	 * @return what handles the connection's messages from now on
	 */
	Handler open(EdgeConnection connection, HttpHeaders requestHeaders);

	/** One connection's side of the protocol. */
	interface Handler {

		/**
		 * One whole WebSocket message (text or binary), on the connection's I/O thread;
		 * the buffer is only valid during the call.
		 * @param data the message's bytes
		 */
		void received(java.nio.ByteBuffer data);

		/**
		 * A message longer than {@code warren.socket.message-size-limit} arrived and was
		 * not read; on the I/O thread.
		 */
		void tooLarge();

		/**
		 * The client sent more frames than its lane may hold
		 * ({@code warren.socket.max-queued-messages}): tell it why, then close with 1008;
		 * from any thread, once.
		 */
		void flooded();

		/** The connection closed; on its I/O thread, once. */
		void closed();

	}

}
