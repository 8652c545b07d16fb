package dev.warren.subclient.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerMetersTests {

	// As Actuator writes it, trimmed.
	private static final String SCRAPE = """
			# HELP jvm_gc_live_data_size_bytes Size of long-lived heap memory pool after reclamation
			# TYPE jvm_gc_live_data_size_bytes gauge
			jvm_gc_live_data_size_bytes{application="socket-server"} 4.2991616E7
			# HELP warren_socket_connections Sessions connected on this node, every way in
			# TYPE warren_socket_connections gauge
			warren_socket_connections{application="socket-server"} 1000.0
			warren_socket_connections_total{application="socket-server"} 7.0
			jvm_threads_live_threads{application="socket-server",note="a b"} 41.0
			jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.2E7
			jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 3.0E7 1733430000000
			""";

	@Test
	void readsAGaugeByItsExactName() {
		assertThat(ServerMeters.value(SCRAPE, ServerMeters.CONNECTIONS)).isEqualTo(1000.0);
		assertThat(ServerMeters.value(SCRAPE, ServerMeters.GC_LIVE_DATA)).isEqualTo(42_991_616.0);
	}

	@Test
	void sumsTheSeriesOfAMetricAndSkipsTimestampsAndLabelSpaces() {
		assertThat(ServerMeters.value(SCRAPE, "jvm_memory_used_bytes")).isEqualTo(4.2E7);
		assertThat(ServerMeters.value(SCRAPE, "jvm_threads_live_threads")).isEqualTo(41.0);
	}

	@Test
	void anAbsentMetricIsNull() {
		assertThat(ServerMeters.value(SCRAPE, "warren_socket_sessions")).isNull();
		assertThat(ServerMeters.value("", ServerMeters.CONNECTIONS)).isNull();
	}

}
