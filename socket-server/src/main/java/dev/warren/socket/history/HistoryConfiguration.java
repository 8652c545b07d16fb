package dev.warren.socket.history;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import dev.warren.common.WarrenHistoryProperties;
import dev.warren.socket.hub.History;
import dev.warren.socket.node.DeliveryDecoder;
import dev.warren.socket.node.NodeQueue;

/**
 * The node's history, by {@code warren.history.store}, and the threads recoveries run on.
 */
@Configuration(proxyBeanMethods = false)
class HistoryConfiguration {

	@Bean
	History history(WarrenHistoryProperties properties, ConnectionFactory connections, NodeQueue queue,
			DeliveryDecoder decoder) {
		return switch (properties.store()) {
			case STREAM -> new StreamHistory(connections, queue.source(), decoder);
			case MEMORY -> new MemoryHistory(properties.maxAge(), properties.maxBytes().toBytes());
			case NONE -> History.NONE;
		};
	}

	/**
	 * A bounded number of recoveries at once, the others queued: after a node drains, its
	 * clients come back to the others all together.
	 */
	@Bean
	ThreadPoolTaskExecutor historyReplayExecutor(WarrenHistoryProperties properties) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(properties.maxConcurrentReplays());
		executor.setMaxPoolSize(properties.maxConcurrentReplays());
		executor.setQueueCapacity(100_000);
		executor.setThreadNamePrefix("warren-replay-");
		executor.setAllowCoreThreadTimeOut(true);
		return executor;
	}

}
