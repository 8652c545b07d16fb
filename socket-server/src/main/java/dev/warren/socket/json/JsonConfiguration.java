package dev.warren.socket.json;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.warren.socket.SocketProperties;
import dev.warren.socket.auth.ConnectAuthenticator;
import dev.warren.socket.hub.Hub;
import dev.warren.socket.hub.SubscriptionRules;
import dev.warren.socket.publish.ClientPublisher;

/**
 * The JSON protocol on the Netty edge, unless the edge or
 * {@code warren.socket.json.enabled} is switched off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = { "warren.socket.edge.enabled", "warren.socket.json.enabled" }, havingValue = "true",
		matchIfMissing = true)
class JsonConfiguration {

	@Bean
	JsonProtocol jsonProtocol(JsonProperties properties, SocketProperties socket, ConnectAuthenticator authenticator,
			Hub hub, SubscriptionRules rules, ClientPublisher publisher) {
		return new JsonProtocol(properties, authenticator, hub, rules, JsonMapper.builder().build(),
				socket.connectTimeout(), publisher);
	}

}
