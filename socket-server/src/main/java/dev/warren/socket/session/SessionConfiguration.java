package dev.warren.socket.session;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.MessageChannel;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import dev.warren.socket.SocketProperties;
import dev.warren.socket.binding.InterestBindings;

/**
 * Session infrastructure: the channel executors with their lanes and pools, the session
 * registries, the scheduler for heart-beats, token expiry and sweeps.
 */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

	private static final int CORES = Runtime.getRuntime().availableProcessors();

	@Bean
	ThreadPoolTaskScheduler warrenTaskScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(Math.max(2, CORES));
		scheduler.setThreadNamePrefix("warren-scheduler-");
		scheduler.setRemoveOnCancelPolicy(true);
		return scheduler;
	}

	@Bean
	ThreadPoolTaskExecutor warrenInboundPool() {
		return pool("warren-in-", Math.max(2, CORES));
	}

	/**
	 * Writes to sockets block, so the outbound pool is larger; a lane holds at most one
	 * of its threads and a stuck one is closed after the send time limit.
	 */
	@Bean
	ThreadPoolTaskExecutor warrenOutboundPool() {
		return pool("warren-out-", Math.max(4, CORES * 2));
	}

	@Bean
	ThreadPoolTaskExecutor warrenClosePool() {
		ThreadPoolTaskExecutor pool = pool("warren-close-", 2);
		// The drain on shutdown closes every session through this pool after the context
		// has started closing; by default the pool would already refuse tasks then.
		pool.setAcceptTasksAfterContextClose(true);
		return pool;
	}

	@Bean
	WebSocketSessions webSocketSessions(@Qualifier("warrenClosePool") ThreadPoolTaskExecutor closePool,
			SocketProperties properties) {
		return new WebSocketSessions(closePool, properties.sendTimeLimit(),
				(int) properties.frameBufferSize().toBytes());
	}

	@Bean
	SlowSessionMeters slowSessionMeters(MeterRegistry meters) {
		return new SlowSessionMeters(meters);
	}

	@Bean
	SlowSessionCloser slowSessionCloser(WebSocketSessions sessions, SlowSessionMeters meters) {
		return new SlowSessionCloser(sessions, meters);
	}

	/**
	 * Inbound frames are cheap to handle; a client flooding past the bound is closed, but
	 * what it already sent still runs so its DISCONNECT cleans up.
	 */
	@Bean(SessionOrderedExecutor.INBOUND)
	SessionOrderedExecutor warrenInboundExecutor(@Qualifier("warrenInboundPool") ThreadPoolTaskExecutor pool,
			SlowSessionCloser closer, WebSocketSessions sessions, SocketProperties properties) {
		LaneLimits limits = new LaneLimits(properties.maxQueuedMessages(), properties.maxQueuedBytes().toBytes(),
				Duration.ZERO, false);
		SessionOrderedExecutor executor = new SessionOrderedExecutor(pool, limits, closer, System::nanoTime);
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

	@Bean
	SessionRegistry sessionRegistry(InterestBindings bindings, WebSocketSessions webSockets,
			@Qualifier("warrenTaskScheduler") ThreadPoolTaskScheduler scheduler,
			@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel, MeterRegistry meters) {
		SessionRegistry registry = new SessionRegistry(bindings, webSockets, scheduler, Clock.systemUTC(),
				new ExpiredTokenNotice(clientOutboundChannel));
		Gauge.builder("warren.socket.connections", registry, SessionRegistry::size)
			.description("STOMP sessions connected on this node")
			.register(meters);
		Gauge.builder("warren.socket.subscriptions", registry, SessionRegistry::subscriptions)
			.description("Subscriptions of the sessions connected on this node, private channels included")
			.register(meters);
		return registry;
	}

	private static Duration sweepInterval(Duration sendTimeLimit) {
		Duration quarter = sendTimeLimit.dividedBy(4);
		if (quarter.compareTo(Duration.ofMillis(100)) < 0) {
			return Duration.ofMillis(100);
		}
		return (quarter.compareTo(Duration.ofSeconds(1)) > 0) ? Duration.ofSeconds(1) : quarter;
	}

	/**
	 * A fixed pool with an unbounded queue: it holds at most one turn per session lane,
	 * so its length is bounded by the number of sessions.
	 */
	private static ThreadPoolTaskExecutor pool(String prefix, int threads) {
		ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
		pool.setCorePoolSize(threads);
		pool.setMaxPoolSize(threads);
		pool.setThreadNamePrefix(prefix);
		pool.setWaitForTasksToCompleteOnShutdown(false);
		return pool;
	}

}
