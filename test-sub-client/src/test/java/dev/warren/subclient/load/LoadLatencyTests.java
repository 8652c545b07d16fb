package dev.warren.subclient.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LoadLatencyTests {

	private final LoadLatency latency = new LoadLatency();

	@Test
	void percentilesInMillisecondsWithMicrosecondResolution() {
		for (int micros = 1; micros <= 1000; micros++) {
			this.latency.record(micros * 10L);
		}
		LoadLatency.Figures figures = this.latency.total();
		assertThat(figures.count()).isEqualTo(1000);
		assertThat(figures.p50Ms()).isCloseTo(5.0, within(0.01));
		assertThat(figures.p90Ms()).isCloseTo(9.0, within(0.01));
		assertThat(figures.p99Ms()).isCloseTo(9.9, within(0.01));
		assertThat(figures.maxMs()).isCloseTo(10.0, within(0.01));
		assertThat(figures.meanMs()).isCloseTo(5.005, within(0.01));
	}

	@Test
	void intervalsAddUpToTheTotal() {
		this.latency.record(1000);
		assertThat(this.latency.interval().count()).isEqualTo(1);
		this.latency.record(3000);
		this.latency.record(5000);
		LoadLatency.Figures second = this.latency.interval();
		assertThat(second.count()).isEqualTo(2);
		assertThat(second.maxMs()).isCloseTo(5.0, within(0.01));
		assertThat(this.latency.total().count()).isEqualTo(3);
	}

	@Test
	void negativeAndHugeValuesAreClamped() {
		this.latency.record(-5);
		this.latency.record(Long.MAX_VALUE);
		LoadLatency.Figures figures = this.latency.total();
		assertThat(figures.count()).isEqualTo(2);
		assertThat(figures.p50Ms()).isZero();
		assertThat(figures.maxMs()).isCloseTo(3_600_000, within(3_600.0));
	}

	@Test
	void emptyAndResetGiveZeros() {
		assertThat(this.latency.total()).isEqualTo(new LoadLatency.Figures(0, 0, 0, 0, 0, 0, 0));
		this.latency.record(100);
		this.latency.reset();
		assertThat(this.latency.total().count()).isZero();
	}

	@Test
	void recordsFromManyThreads() throws InterruptedException {
		Thread[] threads = new Thread[4];
		for (int t = 0; t < threads.length; t++) {
			threads[t] = new Thread(() -> {
				for (int i = 0; i < 10_000; i++) {
					this.latency.record(i);
				}
			});
			threads[t].start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(this.latency.total().count()).isEqualTo(40_000);
	}

}
