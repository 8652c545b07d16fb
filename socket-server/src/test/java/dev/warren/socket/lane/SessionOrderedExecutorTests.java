package dev.warren.socket.lane;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHandlingRunnable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SessionOrderedExecutorTests {

	private final ExecutorService pool = Executors.newFixedThreadPool(4);

	private final Map<String, String> overflowed = new ConcurrentHashMap<>();

	private final AtomicInteger discarded = new AtomicInteger();

	private final AtomicLong nanos = new AtomicLong(1);

	@AfterEach
	void stopPool() {
		this.pool.shutdownNow();
	}

	@Test
	void keepsEachSessionsOrderUnderConcurrency() throws Exception {
		SessionOrderedExecutor executor = executor(new LaneLimits(100_000, Long.MAX_VALUE, Duration.ZERO, true));
		int sessions = 16;
		int perSession = 5_000;
		Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
		AtomicInteger running = new AtomicInteger();
		AtomicInteger overlaps = new AtomicInteger();
		Map<String, AtomicInteger> runningPerSession = new ConcurrentHashMap<>();
		for (int s = 0; s < sessions; s++) {
			String id = "s" + s;
			executor.open(id);
			seen.put(id, new CopyOnWriteArrayList<>());
			runningPerSession.put(id, new AtomicInteger());
		}
		ExecutorService producers = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int s = 0; s < sessions; s++) {
				String id = "s" + s;
				futures.add(producers.submit(() -> {
					for (int i = 0; i < perSession; i++) {
						int n = i;
						executor.execute(task(id, 0, () -> {
							if (runningPerSession.get(id).incrementAndGet() > 1) {
								overlaps.incrementAndGet();
							}
							running.incrementAndGet();
							seen.get(id).add(n);
							runningPerSession.get(id).decrementAndGet();
						}));
					}
				}));
			}
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			producers.shutdown();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> running.get() == sessions * perSession);
		for (List<Integer> numbers : seen.values()) {
			assertThat(numbers).hasSize(perSession).isSorted();
		}
		assertThat(overlaps.get()).isZero();
		assertThat(this.overflowed).isEmpty();
	}

	@Test
	void closesStuckSessionAtItsBoundWhileOthersContinue() throws Exception {
		SessionOrderedExecutor executor = executor(new LaneLimits(10, Long.MAX_VALUE, Duration.ZERO, true));
		executor.open("stuck");
		executor.open("healthy");
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger stuckRan = new AtomicInteger();
		executor.execute(task("stuck", 0, () -> {
			stuckRan.incrementAndGet();
			awaitQuietly(release);
		}));
		await().untilAtomic(stuckRan, org.hamcrest.Matchers.equalTo(1));
		for (int i = 0; i < 10; i++) {
			executor.execute(task("stuck", 0, stuckRan::incrementAndGet));
		}
		assertThat(this.overflowed).isEmpty();
		assertThat(executor.waiting("stuck")).isEqualTo(10);
		executor.execute(task("stuck", 0, stuckRan::incrementAndGet));
		assertThat(this.overflowed).containsOnlyKeys("stuck");
		assertThat(executor.waiting("stuck")).isZero();
		// The ten waiting and the one that overflowed are counted as dropped.
		assertThat(this.discarded).hasValue(11);

		AtomicInteger healthyRan = new AtomicInteger();
		for (int i = 0; i < 1_000; i++) {
			// A healthy consumer keeps up: never more than a few waiting.
			while (executor.waiting("healthy") >= 5) {
				Thread.onSpinWait();
			}
			executor.execute(task("healthy", 0, healthyRan::incrementAndGet));
		}
		await().untilAtomic(healthyRan, org.hamcrest.Matchers.equalTo(1_000));

		// Whatever still arrives for the dropped session is discarded, not queued.
		for (int i = 0; i < 100; i++) {
			executor.execute(task("stuck", 0, stuckRan::incrementAndGet));
		}
		release.countDown();
		executor.ended("stuck");
		await().until(() -> executor.laneCount() == 1);
		assertThat(stuckRan.get()).isEqualTo(1);
		assertThat(this.overflowed).containsOnlyKeys("stuck");
		assertThat(this.discarded).hasValue(111);
	}

	@Test
	void closesSessionOverByteBound() {
		SessionOrderedExecutor executor = executor(new LaneLimits(1_000, 1_000, Duration.ZERO, true));
		executor.open("s");
		CountDownLatch release = new CountDownLatch(1);
		executor.execute(task("s", 10, () -> awaitQuietly(release)));
		executor.execute(task("s", 600, () -> {
		}));
		executor.execute(task("s", 300, () -> {
		}));
		assertThat(this.overflowed).isEmpty();
		executor.execute(task("s", 200, () -> {
		}));
		assertThat(this.overflowed).containsOnlyKeys("s");
		release.countDown();
	}

	@Test
	void closesSessionWhoseWriteExceedsTheTimeLimit() {
		SessionOrderedExecutor executor = executor(new LaneLimits(1_000, Long.MAX_VALUE, Duration.ofSeconds(10), true));
		executor.open("slow");
		executor.open("fast");
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger started = new AtomicInteger();
		executor.execute(task("slow", 0, () -> {
			started.incrementAndGet();
			awaitQuietly(release);
		}));
		await().untilAtomic(started, org.hamcrest.Matchers.equalTo(1));
		this.nanos.addAndGet(Duration.ofSeconds(9).toNanos());
		executor.sweep();
		assertThat(this.overflowed).isEmpty();
		this.nanos.addAndGet(Duration.ofSeconds(2).toNanos());
		executor.sweep();
		executor.sweep();
		assertThat(this.overflowed).containsOnlyKeys("slow");
		AtomicInteger fastRan = new AtomicInteger();
		executor.execute(task("fast", 0, fastRan::incrementAndGet));
		await().untilAtomic(fastRan, org.hamcrest.Matchers.equalTo(1));
		release.countDown();
	}

	@Test
	void inboundLaneKeepsRunningAfterOverflowSoDisconnectStillRuns() {
		SessionOrderedExecutor executor = executor(new LaneLimits(2, Long.MAX_VALUE, Duration.ZERO, false));
		executor.open("flood");
		CountDownLatch release = new CountDownLatch(1);
		List<Integer> ran = new CopyOnWriteArrayList<>();
		executor.execute(task("flood", 0, () -> awaitQuietly(release)));
		for (int i = 0; i < 5; i++) {
			int n = i;
			executor.execute(task("flood", 0, () -> ran.add(n)));
		}
		assertThat(this.overflowed).containsOnlyKeys("flood");
		release.countDown();
		await().until(() -> ran.size() == 5);
		assertThat(ran).containsExactly(0, 1, 2, 3, 4);
	}

	@Test
	void endedLaneRunsWhatWaitsThenLeaves() {
		SessionOrderedExecutor executor = executor(new LaneLimits(100, Long.MAX_VALUE, Duration.ZERO, false));
		executor.open("s");
		CountDownLatch release = new CountDownLatch(1);
		List<String> ran = new CopyOnWriteArrayList<>();
		executor.execute(task("s", 0, () -> awaitQuietly(release)));
		executor.execute(task("s", 0, () -> ran.add("subscribe")));
		executor.ended("s");
		executor.execute(task("s", 0, () -> ran.add("disconnect")));
		assertThat(executor.laneCount()).isEqualTo(1);
		release.countDown();
		await().until(() -> executor.laneCount() == 0);
		await().until(() -> ran.size() == 2);
		assertThat(ran).containsExactly("subscribe", "disconnect");
		executor.execute(task("s", 0, () -> ran.add("late")));
		await().until(() -> ran.size() == 3);
	}

	@Test
	void tasksWithoutLaneRunOnThePool() {
		SessionOrderedExecutor executor = executor(new LaneLimits(1, 1, Duration.ZERO, true));
		AtomicInteger ran = new AtomicInteger();
		for (int i = 0; i < 10; i++) {
			executor.execute(task("unknown", 0, ran::incrementAndGet));
			executor.execute(ran::incrementAndGet);
		}
		await().untilAtomic(ran, org.hamcrest.Matchers.equalTo(20));
		assertThat(this.overflowed).isEmpty();
	}

	private SessionOrderedExecutor executor(LaneLimits limits) {
		LaneOverflowListener listener = new LaneOverflowListener() {

			@Override
			public void overflowed(String sessionId, String reason) {
				SessionOrderedExecutorTests.this.overflowed.put(sessionId, reason);
			}

			@Override
			public void discarded(int frames) {
				SessionOrderedExecutorTests.this.discarded.addAndGet(frames);
			}

		};
		return new SessionOrderedExecutor(this.pool, limits, listener, this.nanos::get);
	}

	private static MessageHandlingRunnable task(String sessionId, int bytes, Runnable body) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setSessionId(sessionId);
		Message<byte[]> message = MessageBuilder.createMessage(new byte[bytes], headers.getMessageHeaders());
		return new MessageHandlingRunnable() {

			@Override
			public Message<?> getMessage() {
				return message;
			}

			@Override
			public MessageHandler getMessageHandler() {
				return (m) -> {
				};
			}

			@Override
			public void run() {
				body.run();
			}

		};
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
