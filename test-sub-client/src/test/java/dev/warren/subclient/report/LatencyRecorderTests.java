package dev.warren.subclient.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyRecorderTests {

	@Test
	void percentilesComeFromTheRecordedValues() {
		LatencyRecorder recorder = new LatencyRecorder();
		for (int i = 1; i <= 100; i++) {
			recorder.record(i);
		}
		LatencyRecorder.Latencies latencies = recorder.snapshot();
		assertThat(latencies.count()).isEqualTo(100);
		assertThat(latencies.p50()).isEqualTo(50);
		assertThat(latencies.p99()).isEqualTo(99);
		assertThat(latencies.max()).isEqualTo(100);
	}

	@Test
	void snapshotsAccumulate() {
		LatencyRecorder recorder = new LatencyRecorder();
		recorder.record(5);
		assertThat(recorder.snapshot().count()).isEqualTo(1);
		recorder.record(500);
		LatencyRecorder.Latencies latencies = recorder.snapshot();
		assertThat(latencies.count()).isEqualTo(2);
		assertThat(latencies.max()).isBetween(499L, 501L);
	}

	@Test
	void negativeLatencyFromClockSkewCountsAsZero() {
		LatencyRecorder recorder = new LatencyRecorder();
		recorder.record(-40);
		assertThat(recorder.snapshot().max()).isZero();
	}

	@Test
	void emptyRecorderReportsZeros() {
		assertThat(new LatencyRecorder().snapshot()).isEqualTo(new LatencyRecorder.Latencies(0, 0, 0, 0));
	}

	@Test
	void hourLongLatencyIsCappedAtAnHour() {
		LatencyRecorder recorder = new LatencyRecorder();
		recorder.record(Long.MAX_VALUE);
		assertThat(recorder.snapshot().max()).isBetween(3_599_000L, 3_601_000L);
	}

}
