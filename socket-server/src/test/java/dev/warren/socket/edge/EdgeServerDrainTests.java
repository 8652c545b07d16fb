package dev.warren.socket.edge;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.unit.DataSize;

import io.netty.handler.codec.http.HttpHeaders;

import dev.warren.socket.SocketProperties;
import dev.warren.socket.lane.SlowSessionMeters;
import dev.warren.socket.monitor.NodeWarnings;
import dev.warren.socket.support.RawWebSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The edge on its own: stopped while a client is connected, and started on a port that is
 * taken.
 */
class EdgeServerDrainTests {

	private final ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();

	@AfterEach
	void stopPool() {
		this.pool.shutdown();
	}

	@Test
	void stoppingClosesEverySessionWith1012AndReleasesThePort() throws Exception {
		EdgeServer server = server(0);
		server.start();
		int port = server.port();
		try (RawWebSocket client = RawWebSocket.open(port, "/ws", Map.of("Sec-WebSocket-Protocol", "v12.stomp"))) {
			assertThat(client.status()).isEqualTo(101);
			await().atMost(Duration.ofSeconds(5)).until(() -> server.size() == 1);
			Thread stopping = new Thread(server::stop);
			stopping.start();
			String received = client.readUntil("reconnect");
			// A close frame: opcode 0x88, then code 1012 (0x03F4) and the reason.
			assertThat(received).contains("\u0088").contains("\u0003\u00f4node shutting down: reconnect");
			stopping.join(15_000);
		}
		assertThat(server.isRunning()).isFalse();
		assertThat(server.size()).isZero();
		// The port is free again.
		try (ServerSocket again = new ServerSocket(port)) {
			assertThat(again.getLocalPort()).isEqualTo(port);
		}
	}

	@Test
	void aPortInUseStopsStartUpNamingTheSettingToChange() throws Exception {
		try (ServerSocket taken = new ServerSocket(0)) {
			EdgeServer server = server(taken.getLocalPort());
			assertThatIllegalStateException().isThrownBy(server::start)
				.withMessageContaining("cannot listen on port " + taken.getLocalPort())
				.withMessageContaining("WARREN_SOCKET_EDGE_PORT")
				.withMessageContaining("warren.socket.edge.enabled=false");
			assertThat(server.isRunning()).isFalse();
		}
	}

	private EdgeServer server(int port) {
		this.pool.initialize();
		SocketProperties socket = new SocketProperties(List.of("http://localhost:[*]"), Duration.ofSeconds(10),
				Duration.ofSeconds(10), 1000, DataSize.ofMegabytes(8), Duration.ofSeconds(10), DataSize.ofKilobytes(64),
				DataSize.ofKilobytes(1), DataSize.ofKilobytes(2), "", "application/json", false, Duration.ofSeconds(10),
				32, 1024, 32, 8192, 10, "", false);
		return new EdgeServer(
				new EdgeProperties(true, port, "/ws", 1, Duration.ofSeconds(10), Duration.ofSeconds(2), "127.0.0.1"),
				socket, List.of(new Silent()), this.pool, () -> false,
				new SlowSessionMeters(new SimpleMeterRegistry(), new NodeWarnings()));
	}

	/** A protocol whose connections say nothing. */
	private static final class Silent implements EdgeProtocol, EdgeProtocol.Handler {

		@Override
		public String path() {
			return "/ws";
		}

		@Override
		public String subprotocols() {
			return "v12.stomp";
		}

		@Override
		public Handler open(EdgeConnection connection, HttpHeaders requestHeaders) {
			return this;
		}

		@Override
		public void received(java.nio.ByteBuffer data) {
		}

		@Override
		public void tooLarge() {
		}

		@Override
		public void flooded() {
		}

		@Override
		public void closed() {
		}

	}

}
