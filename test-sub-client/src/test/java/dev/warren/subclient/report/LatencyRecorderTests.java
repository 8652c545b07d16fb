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
	void summaryReportsRateAndLatencies() {
		Summary summary = new Summary("c1", 50, 2000, new LatencyRecorder.Latencies(50, 3, 9, 12));
		assertThat(summary.messagesPerSecond()).isEqualTo(25.0);
		assertThat(summary.toText())
			.isEqualTo("received 50 messages in 2.0 s (25.0 msg/s); latency p50=3 ms p99=9 ms max=12 ms");
		assertThat(summary.toJson())
			.isEqualTo("{\"summary\":true,\"clientId\":\"c1\",\"received\":50,\"elapsedMs\":2000,"
					+ "\"msgsPerSecond\":25.0,\"latencyP50Ms\":3,\"latencyP99Ms\":9,\"latencyMaxMs\":12}");
	}

}
