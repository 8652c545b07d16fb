package dev.warren.socket.hub;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import dev.warren.common.WarrenHistoryProperties;
import dev.warren.socket.SocketProperties;
import dev.warren.socket.monitor.NodeWarnings;
import dev.warren.socket.node.InterestBindings;

/**
 * The node's hub, its limits and its gauges.
 */
@Configuration(proxyBeanMethods = false)
class HubConfiguration {

	@Bean
	DeliveredCounter deliveredCounter(MeterRegistry meters) {
		return new DeliveredCounter(meters);
	}

	@Bean
	Hub hub(InterestBindings bindings, @Qualifier("warrenTaskScheduler") ThreadPoolTaskScheduler scheduler,
			DeliveredCounter delivered, MeterRegistry meters, SocketProperties properties, History history,
			WarrenHistoryProperties historyProperties,
			@Qualifier("historyReplayExecutor") ThreadPoolTaskExecutor replays, NodeWarnings warnings) {
		Map<String, Counter> refused = new HashMap<>();
		for (String limit : new String[] { HubLimits.SESSIONS_PER_CLIENT, HubLimits.SUBSCRIPTIONS_PER_SESSION }) {
			refused.put(limit,
					Counter.builder("warren.abuse.throttled")
						.description("Requests refused by an abuse limit")
						.tag("limit", limit)
						.register(meters));
		}
		HubLimits limits = new HubLimits(properties.maxSessionsPerClient(), properties.maxSubscriptionsPerSession(),
				(limit) -> refused.get(limit).increment());
		Hub hub = new Hub(bindings, scheduler, Clock.systemUTC(), delivered, limits, history,
				historyProperties.replayTimeout(), replays);
		warnings.clientsBy(hub::clientOf);
		Gauge.builder("warren.socket.connections", hub, Hub::size)
			.description("Sessions connected on this node, every way in")
			.register(meters);
		Gauge.builder("warren.socket.subscriptions", hub, Hub::subscriptions)
			.description("Subscriptions of the sessions connected on this node, private channels included")
			.register(meters);
		return hub;
	}

}
