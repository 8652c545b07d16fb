package dev.warren.socket.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.AmqpConnectException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class InterestBindingsTests {

	private final FakeBroker broker = new FakeBroker();

	private final InterestBindings bindings = new InterestBindings(this.broker);

	@Test
	void bindsOnFirstHolderAndUnbindsAfterLast() {
		this.bindings.acquire("topic.a");
		this.bindings.acquire("topic.a");
		assertThat(this.broker.calls).containsExactly("bind topic.a");
		this.bindings.release("topic.a");
		assertThat(this.broker.bound).containsKey("topic.a");
		assertThat(this.bindings.holders("topic.a")).isEqualTo(1);
		this.bindings.release("topic.a");
		assertThat(this.broker.calls).containsExactly("bind topic.a", "unbind topic.a");
		assertThat(this.bindings.holders("topic.a")).isZero();
	}

	@Test
	void releaseWithoutHolderDoesNothing() {
		this.bindings.release("topic.none");
		assertThat(this.broker.calls).isEmpty();
	}

	@Test
	void failedBindHoldsNothing() {
		this.broker.failNextBind = true;
		assertThatExceptionOfType(AmqpConnectException.class).isThrownBy(() -> this.bindings.acquire("client.c"));
		assertThat(this.bindings.holders("client.c")).isZero();
		this.bindings.acquire("client.c");
		assertThat(this.broker.bound).containsKey("client.c");
	}

	@Test
	void failedUnbindStillForgetsTheKey() {
		this.bindings.acquire("topic.a");
		this.broker.failNextUnbind = true;
		this.bindings.release("topic.a");
		assertThat(this.bindings.holders("topic.a")).isZero();
		this.bindings.acquire("topic.a");
		assertThat(this.broker.calls).endsWith("bind topic.a");
	}

	@Test
	void rebindAllBindsEveryHeldKey() {
		this.bindings.acquire("topic.a");
		this.bindings.acquire("client.b");
		this.bindings.acquire("topic.c");
		this.bindings.release("topic.c");
		this.broker.bound.clear();
		this.bindings.rebindAll();
		assertThat(this.broker.bound).containsOnlyKeys("topic.a", "client.b");
	}

	@Test
	void concurrentAcquireAndReleaseLeaveBindingInStepWithCount() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				int thread = t;
				futures.add(threads.submit(() -> {
					start.await();
					for (int i = 0; i < 2_000; i++) {
						String key = "topic.k" + ((i + thread) % 5);
						this.bindings.acquire(key);
						this.bindings.release(key);
						if (i % 3 == 0) {
							this.bindings.acquire(key);
						}
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}
		for (int k = 0; k < 5; k++) {
			String key = "topic.k" + k;
			assertThat(this.broker.bound.containsKey(key)).as(key).isEqualTo(this.bindings.holders(key) > 0);
		}
		assertThat(this.broker.concurrentCallsOnSameKey.get()).isZero();
	}

	/** Records calls and checks that no two calls on one key overlap. */
	static final class FakeBroker implements BindingOperations {

		final Map<String, Boolean> bound = new ConcurrentHashMap<>();

		final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());

		final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

		final AtomicInteger concurrentCallsOnSameKey = new AtomicInteger();

		volatile boolean failNextBind;

		volatile boolean failNextUnbind;

		@Override
		public void bind(String routingKey) {
			enter(routingKey);
			try {
				if (this.failNextBind) {
					this.failNextBind = false;
					throw new AmqpConnectException(new java.net.ConnectException("down"));
				}
				this.calls.add("bind " + routingKey);
				this.bound.put(routingKey, true);
			}
			finally {
				leave(routingKey);
			}
		}

		@Override
		public void unbind(String routingKey) {
			enter(routingKey);
			try {
				if (this.failNextUnbind) {
					this.failNextUnbind = false;
					throw new AmqpConnectException(new java.net.ConnectException("down"));
				}
				this.calls.add("unbind " + routingKey);
				this.bound.remove(routingKey);
			}
			finally {
				leave(routingKey);
			}
		}

		private void enter(String key) {
			if (this.inFlight.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet() > 1) {
				this.concurrentCallsOnSameKey.incrementAndGet();
			}
			Thread.onSpinWait();
		}

		private void leave(String key) {
			this.inFlight.get(key).decrementAndGet();
		}

	}

}
