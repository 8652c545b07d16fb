package dev.warren.subclient.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryTests {

	@Test
	void reportsRateAndLatencies() {
		Summary summary = new Summary("c1", 50, 2000, new LatencyRecorder.Latencies(50, 3, 9, 12));
		assertThat(summary.messagesPerSecond()).isEqualTo(25.0);
		assertThat(summary.toText())
			.isEqualTo("received 50 messages in 2.0 s (25.0 msg/s); latency p50=3 ms p99=9 ms max=12 ms");
		assertThat(summary.toJson())
			.isEqualTo("{\"summary\":true,\"clientId\":\"c1\",\"received\":50,\"elapsedMs\":2000,"
					+ "\"msgsPerSecond\":25.0,\"latencyP50Ms\":3,\"latencyP99Ms\":9,\"latencyMaxMs\":12}");
	}

	@Test
	void computesPercentilesFromARecorder() {
		LatencyRecorder recorder = new LatencyRecorder();
		for (int i = 0; i < 98; i++) {
			recorder.record(10);
		}
		recorder.record(200);
		recorder.record(900);
		Summary summary = new Summary("c1", 100, 4000, recorder.snapshot());
		assertThat(summary.toText())
			.isEqualTo("received 100 messages in 4.0 s (25.0 msg/s); latency p50=10 ms p99=200 ms max=900 ms");
	}

	@Test
	void withoutLatenciesSaysSo() {
		Summary summary = new Summary("c1", 0, 0, new LatencyRecorder().snapshot());
		assertThat(summary.messagesPerSecond()).isZero();
		assertThat(summary.toText())
			.isEqualTo("received 0 messages in 0.0 s (0.0 msg/s); latency n/a (no warren-published-at header seen)");
		assertThat(summary.toJson()).endsWith("\"latencyP50Ms\":null,\"latencyP99Ms\":null,\"latencyMaxMs\":null}");
	}

}
