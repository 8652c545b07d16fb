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
		return String.format(Locale.ROOT,
				"received %d messages in %.1f s (%.1f msg/s); latency p50=%d ms p99=%d ms max=%d ms", this.received,
				this.elapsedMillis / 1000.0, messagesPerSecond(), this.latencies.p50(), this.latencies.p99(),
				this.latencies.max());
	}

	/**
	 * The summary for programs.
	 * @return one JSON line
	 */
	public String toJson() {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("summary", true);
		summary.put("clientId", this.clientId);
		summary.put("received", this.received);
		summary.put("elapsedMs", this.elapsedMillis);
		summary.put("msgsPerSecond", Math.round(messagesPerSecond() * 10) / 10.0);
		summary.put("latencyP50Ms", this.latencies.p50());
		summary.put("latencyP99Ms", this.latencies.p99());
		summary.put("latencyMaxMs", this.latencies.max());
		return JsonMapper.builder().build().writeValueAsString(summary);
	}

}
