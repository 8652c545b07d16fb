package dev.warren.socket.node;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import dev.warren.common.WarrenNames;
import dev.warren.socket.SocketProperties;
import dev.warren.socket.hub.Hub;
import dev.warren.socket.monitor.NodeWarnings;

/**
 * The node's status announcement, every {@link WarrenNames#NODE_STATUS_INTERVAL}: live
 * subscribers per topic and the node itself, for publisher-service's views.
 */
@Configuration(proxyBeanMethods = false)
class NodeStatusConfiguration {

	@Bean
	NodeStatus nodeStatus(Hub hub, RabbitTemplate rabbit, NodeQueue queue, SocketProperties properties,
			@Qualifier("warrenTaskScheduler") ThreadPoolTaskScheduler scheduler, MeterRegistry meters,
			NodeWarnings warnings) {
		NodeStatus status = new NodeStatus(hub, rabbit, queue, properties.publicUrl(), JsonMapper.builder().build(),
				new NodeCounters(meters), warnings);
		scheduler.scheduleWithFixedDelay(status::announce, WarrenNames.NODE_STATUS_INTERVAL);
		return status;
	}

}
