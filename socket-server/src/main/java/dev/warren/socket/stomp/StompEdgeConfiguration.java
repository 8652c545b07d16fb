package dev.warren.socket.stomp;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.warren.socket.SocketProperties;
import dev.warren.socket.auth.ConnectAuthenticator;
import dev.warren.socket.edge.EdgeProperties;
import dev.warren.socket.hub.Hub;
import dev.warren.socket.hub.SubscriptionRules;
import dev.warren.socket.publish.ClientPublisher;

/**
 * STOMP on the Netty edge, at {@code warren.socket.edge.path}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "warren.socket.edge.enabled", havingValue = "true", matchIfMissing = true)
class StompEdgeConfiguration {

	@Bean
	StompEdgeProtocol stompEdgeProtocol(EdgeProperties edge, SocketProperties socket,
			ConnectAuthenticator authenticator, Hub hub, SubscriptionRules rules, ClientPublisher publisher) {
		StompCodec codec = new StompCodec(socket.heartbeatSend().toMillis(), socket.heartbeatReceive().toMillis(),
				socket.stompHeaderLimits());
		return new StompEdgeProtocol(edge.path(), codec, authenticator, hub, rules, hub.delivered(),
				(int) socket.messageSizeLimit().toBytes(), socket.connectTimeout(), publisher);
	}

}
