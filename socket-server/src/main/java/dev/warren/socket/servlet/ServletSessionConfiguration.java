package dev.warren.socket.servlet;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.MessageChannel;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import dev.warren.socket.SocketProperties;
import dev.warren.socket.lane.LaneLimits;
import dev.warren.socket.lane.SessionOrderedExecutor;
import dev.warren.socket.lane.SlowSessionMeters;

/**
 * The servlet way in's sessions: the open WebSocket sessions and the lanes of Spring's
 * client channels.
 */
@Configuration(proxyBeanMethods = false)
class ServletSessionConfiguration {

	@Bean
	WebSocketSessions webSocketSessions(@Qualifier("warrenClosePool") ThreadPoolTaskExecutor closePool,
			SocketProperties properties) {
		return new WebSocketSessions(closePool, properties.sendTimeLimit(),
				(int) properties.frameBufferSize().toBytes());
	}

	@Bean
	SlowSessionCloser slowSessionCloser(WebSocketSessions sessions, SlowSessionMeters meters) {
		return new SlowSessionCloser(sessions, meters);
	}

	/**
	 * Inbound frames are cheap to handle; a client flooding past the bound is told so and
	 * closed, but what it already sent still runs so its DISCONNECT cleans up.
	 */
	@Bean(SessionOrderedExecutor.INBOUND)
	SessionOrderedExecutor warrenInboundExecutor(@Qualifier("warrenInboundPool") ThreadPoolTaskExecutor pool,
			WebSocketSessions sessions, SocketProperties properties, SlowSessionMeters meters,
			@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel) {
		LaneLimits limits = new LaneLimits(properties.maxQueuedMessages(), properties.maxQueuedBytes().toBytes(),
				Duration.ZERO, false);
		SessionOrderedExecutor executor = new SessionOrderedExecutor(pool, limits,
				new InboundFloodCloser(clientOutboundChannel, meters), System::nanoTime);
		sessions.track(executor);
		return executor;
	}

	@Bean(SessionOrderedExecutor.OUTBOUND)
	SessionOrderedExecutor warrenOutboundExecutor(@Qualifier("warrenOutboundPool") ThreadPoolTaskExecutor pool,
			SlowSessionCloser closer, WebSocketSessions sessions, SocketProperties properties,
			@Qualifier("warrenTaskScheduler") ThreadPoolTaskScheduler scheduler) {
		LaneLimits limits = new LaneLimits(properties.maxQueuedMessages(), properties.maxQueuedBytes().toBytes(),
				properties.sendTimeLimit(), true);
		SessionOrderedExecutor executor = new SessionOrderedExecutor(pool, limits, closer, System::nanoTime);
		sessions.track(executor);
		scheduler.scheduleWithFixedDelay(executor::sweep, sweepInterval(properties.sendTimeLimit()));
		return executor;
	}

	private static Duration sweepInterval(Duration sendTimeLimit) {
		Duration quarter = sendTimeLimit.dividedBy(4);
		if (quarter.compareTo(Duration.ofMillis(100)) < 0) {
			return Duration.ofMillis(100);
		}
		return (quarter.compareTo(Duration.ofSeconds(1)) > 0) ? Duration.ofSeconds(1) : quarter;
	}

}
