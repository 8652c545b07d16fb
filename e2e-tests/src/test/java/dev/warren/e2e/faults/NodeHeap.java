package dev.warren.e2e.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * A socket node's heap in use and its open connections, read from its
 * {@code /actuator/prometheus} as a monitoring system would.
 */
final class NodeHeap {

	private final URI metrics;

	private long maxHeapBytes;

	private double connections = -1;

	NodeHeap(String baseUrl) {
		this.metrics = URI.create(baseUrl + "/actuator/prometheus");
	}

	/** Reads the metrics once. */
	void sample() {
		try {
			String body = FaultCluster.send(HttpRequest.newBuilder(this.metrics).timeout(Duration.ofSeconds(5)).build())
				.body();
			long heap = 0;
			for (String line : body.split("\n")) {
				if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
					heap += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
				}
				else if (line.startsWith("warren_socket_connections ")
						|| line.startsWith("warren_socket_connections{")) {
					this.connections = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
				}
			}
			this.maxHeapBytes = Math.max(this.maxHeapBytes, heap);
		}
		catch (IOException ex) {
			throw new IllegalStateException("the node's metrics did not answer", ex);
		}
	}

	long maxMegabytes() {
		return this.maxHeapBytes / (1024 * 1024);
	}

	/** Open STOMP connections at the last sample, or -1 before the first. */
	double connections() {
		return this.connections;
	}

}
