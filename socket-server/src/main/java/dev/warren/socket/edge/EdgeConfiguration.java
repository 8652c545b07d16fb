package dev.warren.socket.edge;

import java.util.List;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import dev.warren.socket.SocketProperties;
import dev.warren.socket.drain.NodeDrain;
import dev.warren.socket.lane.SlowSessionMeters;

/**
 * The Netty edge, unless {@code warren.socket.edge.enabled} is {@code false}: one server
 * for every {@link EdgeProtocol} the node serves there.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "warren.socket.edge.enabled", havingValue = "true", matchIfMissing = true)
class EdgeConfiguration {

	/**
	 * The connections' lanes run on the servlet endpoints' inbound pool, bounded as
	 * theirs are.
	 */
	@Bean
	EdgeServer edgeServer(EdgeProperties edge, SocketProperties socket, List<EdgeProtocol> protocols,
			@Qualifier("warrenInboundPool") ThreadPoolTaskExecutor inboundPool, NodeDrain drain,
			SlowSessionMeters slowMeters) {
		return new EdgeServer(edge, socket, protocols, inboundPool, drain::isDraining, slowMeters);
	}

}
