package dev.warren.socket.edge;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.warren.socket.support.RawWebSocket;
import dev.warren.socket.support.SocketServerIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connections that never become sessions do not stay open: no upgrade request, one
 * trickled in, or an upgraded connection that never sends CONNECT (the test node's limits
 * are 2 s).
 */
class EdgeTimeLimitsIntegrationTests extends SocketServerIntegrationTest {

	@Override
	protected boolean onEdge() {
		return true;
	}

	@Test
	void aConnectionThatNeverSendsItsUpgradeIsClosed() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.edge.port())) {
			socket.setSoTimeout(10_000);
			long start = System.nanoTime();
			assertThat(socket.getInputStream().read()).isEqualTo(-1);
			assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(9_000);
		}
	}

	@Test
	void anUpgradeTrickledInIsClosed() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.edge.port())) {
			OutputStream out = socket.getOutputStream();
			out.write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
			long deadline = System.nanoTime() + 8_000_000_000L;
			boolean closed = false;
			for (int i = 0; !closed && System.nanoTime() < deadline; i++) {
				try {
					out.write(("X-Trickle-" + i + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
					out.flush();
					Thread.sleep(250);
				}
				catch (IOException ex) {
					// Written to a connection the node has closed.
					closed = true;
				}
			}
			assertThat(closed).as("closed while still trickling").isTrue();
		}
	}

	@Test
	void aWebSocketThatNeverSendsConnectIsRefused() throws Exception {
		try (RawWebSocket socket = rawHandshake("/ws", Map.of("Sec-WebSocket-Protocol", "v12.stomp"))) {
			assertThat(socket.status()).isEqualTo(101);
			String answer = socket.readUntil("\0");
			assertThat(answer).as("an ERROR frame before the timeout").isNotNull();
			assertThat(answer).contains("ERROR\nmessage:Unauthorized").contains("no CONNECT");
		}
	}

}
