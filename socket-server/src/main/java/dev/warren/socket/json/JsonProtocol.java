package dev.warren.socket.json;

import java.time.Duration;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import tools.jackson.databind.json.JsonMapper;

import dev.warren.socket.auth.ConnectAuthenticator;
import dev.warren.socket.auth.TokenRefresh;
import dev.warren.socket.edge.EdgeConnection;
import dev.warren.socket.edge.EdgeOutlet;
import dev.warren.socket.edge.EdgeProtocol;
import dev.warren.socket.hub.Hub;
import dev.warren.socket.hub.SubscriptionRules;
import dev.warren.socket.publish.ClientPublisher;

/**
 * The plain-JSON protocol on the edge ({@code warren.socket.json.path}, no subprotocol):
 * a {@link JsonSession} per connection, on the same hub, rules and bindings as STOMP, all
 * of them written through one {@link EdgeOutlet}.
 */
final class JsonProtocol implements EdgeProtocol {

	final JsonProperties properties;

	final ConnectAuthenticator authenticator;

	final Hub hub;

	final SubscriptionRules rules;

	final EdgeOutlet outlet;

	final JsonMapper mapper;

	final JsonFrames frames;

	final Duration connectTimeout;

	final ClientPublisher publisher;

	final TokenRefresh refresh;

	JsonProtocol(JsonProperties properties, ConnectAuthenticator authenticator, Hub hub, SubscriptionRules rules,
			JsonMapper mapper, Duration connectTimeout, ClientPublisher publisher) {
		this.publisher = publisher;
		this.connectTimeout = connectTimeout;
		this.properties = properties;
		this.authenticator = authenticator;
		this.hub = hub;
		this.rules = rules;
		this.mapper = mapper;
		this.outlet = new EdgeOutlet(new JsonEncoder(mapper), hub.delivered());
		this.frames = new JsonFrames(mapper);
		this.refresh = new TokenRefresh(authenticator, hub);
	}

	@Override
	public String path() {
		return this.properties.path();
	}

	@Override
	public String subprotocols() {
		return null;
	}

	@Override
	public Handler open(EdgeConnection connection, HttpHeaders requestHeaders) {
		String token = ConnectAuthenticator.bearer(requestHeaders.get(HttpHeaderNames.AUTHORIZATION));
		return new JsonSession(this, connection, token);
	}

}
