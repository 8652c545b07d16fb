package dev.warren.socket.stomp;

import java.time.Duration;

import io.netty.handler.codec.http.HttpHeaders;

import dev.warren.socket.auth.ConnectAuthenticator;
import dev.warren.socket.auth.TokenRefresh;
import dev.warren.socket.edge.EdgeConnection;
import dev.warren.socket.edge.EdgeOutlet;
import dev.warren.socket.edge.EdgeProtocol;
import dev.warren.socket.hub.DeliveredCounter;
import dev.warren.socket.hub.Hub;
import dev.warren.socket.hub.SubscriptionRules;
import dev.warren.socket.publish.ClientPublisher;

/**
 * STOMP on the edge ({@code warren.socket.edge.path}, subprotocols {@code v10.stomp},
 * {@code v11.stomp}, {@code v12.stomp}): a {@link StompEdgeSession} per connection, all
 * of them written through one {@link EdgeOutlet}.
 */
public final class StompEdgeProtocol implements EdgeProtocol {

	private final String path;

	final StompCodec codec;

	final ConnectAuthenticator authenticator;

	final Hub hub;

	final SubscriptionRules rules;

	final EdgeOutlet outlet;

	final int messageSizeLimit;

	final Duration connectTimeout;

	final ClientPublisher publisher;

	final TokenRefresh refresh;

	/**
	 * Creates the protocol.
	 * @param path the path it is served on
	 * @param codec the codec, with the server's heart-beat settings
	 * @param authenticator checks CONNECT's token
	 * @param hub the node's sessions
	 * @param rules what a client may subscribe to
	 * @param delivered counts the frames written
	 * @param messageSizeLimit longest frame a client may send, in bytes
	 * @param connectTimeout how long a connection may go without a successful CONNECT
	 * @param publisher publishes what clients {@code SEND}
	 */
	public StompEdgeProtocol(String path, StompCodec codec, ConnectAuthenticator authenticator, Hub hub,
			SubscriptionRules rules, DeliveredCounter delivered, int messageSizeLimit, Duration connectTimeout,
			ClientPublisher publisher) {
		this.publisher = publisher;
		this.path = path;
		this.codec = codec;
		this.authenticator = authenticator;
		this.hub = hub;
		this.rules = rules;
		this.outlet = new EdgeOutlet(new StompEdgeEncoder(), delivered);
		this.messageSizeLimit = messageSizeLimit;
		this.connectTimeout = connectTimeout;
		this.refresh = new TokenRefresh(authenticator, hub);
	}

	@Override
	public String path() {
		return this.path;
	}

	@Override
	public String subprotocols() {
		return "v12.stomp,v11.stomp,v10.stomp";
	}

	@Override
	public Handler open(EdgeConnection connection, HttpHeaders requestHeaders) {
		return new StompEdgeSession(this, connection);
	}

}
