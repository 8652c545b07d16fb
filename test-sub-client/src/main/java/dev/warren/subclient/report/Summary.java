package dev.warren.subclient.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * What a run received, how fast, and with which latency (from
 * {@code warren-published-at}).
 *
 * @param clientId the client that subscribed
 * @param received messages received
 * @param elapsedMillis time from the first subscription receipt to the end
 * @param latencies latency figures
 */
public record Summary(String clientId, long received, long elapsedMillis, LatencyRecorder.Latencies latencies) {

	private static final JsonMapper json = JsonMapper.builder().build();

	/**
	 * Messages per second over the run.
	 * @return the rate, 0 when nothing elapsed
	 */
	public double messagesPerSecond() {
		return (this.elapsedMillis > 0) ? this.received * 1000.0 / this.elapsedMillis : 0;
	}

	/**
	 * The summary for people.
	 * @return one line
	 */
	public String toText() {
		String rate = String.format(Locale.ROOT, "received %d messages in %.1f s (%.1f msg/s); ", this.received,
				this.elapsedMillis / 1000.0, messagesPerSecond());
		if (this.latencies.count() == 0) {
			return rate + "latency n/a (no warren-published-at header seen)";
		}
		return rate + String.format(Locale.ROOT, "latency p50=%d ms p99=%d ms max=%d ms", this.latencies.p50(),
				this.latencies.p99(), this.latencies.max());
	}

	/**
	 * The summary for programs; latencies are {@code null} when none was measured.
	 * @return one JSON line
	 */
	public String toJson() {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("summary", true);
		summary.put("clientId", this.clientId);
		summary.put("received", this.received);
		summary.put("elapsedMs", this.elapsedMillis);
		summary.put("msgsPerSecond", Math.round(messagesPerSecond() * 10) / 10.0);
		boolean measured = this.latencies.count() > 0;
		summary.put("latencyP50Ms", measured ? this.latencies.p50() : null);
		summary.put("latencyP99Ms", measured ? this.latencies.p99() : null);
		summary.put("latencyMaxMs", measured ? this.latencies.max() : null);
		return json.writeValueAsString(summary);
	}

}
