package dev.warren.socket.lane;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import dev.warren.socket.monitor.NodeWarnings;

/**
 * The threads behind every way in's lanes: the pools, the scheduler for heart-beats,
 * token expiry and sweeps, and the slow-session meters.
 */
@Configuration(proxyBeanMethods = false)
class LaneConfiguration {

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
	SlowSessionMeters slowSessionMeters(MeterRegistry meters, NodeWarnings warnings) {
		return new SlowSessionMeters(meters, warnings);
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
