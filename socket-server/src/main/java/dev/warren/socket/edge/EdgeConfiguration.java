package dev.warren.socket.edge;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import dev.warren.socket.SocketProperties;
import dev.warren.socket.auth.ConnectAuthenticator;
import dev.warren.socket.delivery.DeliveredCounter;
import dev.warren.socket.session.LaneLimits;
import dev.warren.socket.session.SessionOrderedExecutor;
import dev.warren.socket.session.SessionRegistry;
import dev.warren.socket.session.SlowSessionMeters;
import dev.warren.socket.subscription.SubscriptionRules;

/**
 * The Netty edge, unless {@code warren.socket.edge.enabled} is {@code false}: its server
 * and the fan-out that feeds its sessions from the node queue, beside the servlet
 * endpoints'.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "warren.socket.edge.enabled", havingValue = "true", matchIfMissing = true)
class EdgeConfiguration {

	@Bean
	EdgeAudience edgeAudience() {
		return new EdgeAudience();
	}

	@Bean
	EdgeFanout edgeFanout(EdgeAudience audience, DeliveredCounter delivered) {
		return new EdgeFanout(audience, delivered);
	}

	/**
	 * The edge's inbound frames run on the servlet endpoints' inbound pool, each
	 * session's in order on its own lane, bounded as theirs are.
	 */
	@Bean
	EdgeServer edgeServer(EdgeProperties edge, SocketProperties socket, SessionRegistry registry,
			ConnectAuthenticator authenticator, SubscriptionRules rules, EdgeAudience audience,
			@Qualifier("warrenInboundPool") ThreadPoolTaskExecutor inboundPool, SlowSessionMeters slowMeters) {
		LaneLimits limits = new LaneLimits(socket.maxQueuedMessages(), socket.maxQueuedBytes().toBytes(), Duration.ZERO,
				false);
		EdgeStomp stomp = new EdgeStomp(socket.heartbeatSend().toMillis(), socket.heartbeatReceive().toMillis());
		return new EdgeServer(edge, socket,
				(server) -> new EdgeContext(registry, authenticator, rules, audience,
						new SessionOrderedExecutor(inboundPool, limits, server, System::nanoTime), stomp,
						(int) socket.messageSizeLimit().toBytes(), server, slowMeters));
	}

}
