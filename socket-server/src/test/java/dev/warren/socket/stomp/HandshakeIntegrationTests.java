package dev.warren.socket.stomp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.warren.socket.support.RawWebSocket;
import dev.warren.socket.support.SocketServerIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeIntegrationTests extends SocketServerIntegrationTest {

	@Test
	void requestsThatCannotBeServedAreAnsweredWithProblems() {
		assertHostileRequestsAreAnsweredWithProblems(webSocketPort());
	}

	@Test
	void negotiatesStompSubprotocol() throws Exception {
		try (RawWebSocket socket = rawHandshake("/ws", Map.of("Sec-WebSocket-Protocol", "v12.stomp"))) {
			assertThat(socket.status()).isEqualTo(101);
			assertThat(socket.header("Sec-WebSocket-Protocol")).isEqualTo("v12.stomp");
		}
		try (RawWebSocket socket = rawHandshake("/ws",
				Map.of("Sec-WebSocket-Protocol", "v10.stomp, v11.stomp, v12.stomp"))) {
			assertThat(socket.status()).isEqualTo(101);
			assertThat(socket.header("Sec-WebSocket-Protocol")).isIn("v10.stomp", "v11.stomp", "v12.stomp");
		}
	}

	@Test
	void declinesPermessageDeflateAsBrowsersOfferIt() throws Exception {
		try (RawWebSocket socket = rawHandshake("/ws", Map.of("Sec-WebSocket-Protocol", "v12.stomp",
				"Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"))) {
			assertThat(socket.status()).isEqualTo(101);
			assertThat(socket.header("Sec-WebSocket-Extensions")).isNull();
		}
	}

	@Test
	void refusesForeignOrigin() throws Exception {
		try (RawWebSocket socket = rawHandshake("/ws", Map.of("Origin", "http://evil.example"))) {
			assertThat(socket.status()).isEqualTo(403);
		}
		try (RawWebSocket socket = rawHandshake("/sockjs/websocket", Map.of("Origin", "http://evil.example"))) {
			assertThat(socket.status()).isEqualTo(403);
		}
		// An Origin that is no origin at all is refused, not answered 500.
		for (String malformed : new String[] { "http://[bad", "http://a b", "::::" }) {
			for (String path : new String[] { "/ws", "/sockjs/websocket" }) {
				try (RawWebSocket socket = rawHandshake(path, Map.of("Origin", malformed))) {
					assertThat(socket.status()).as(malformed + " " + path).isEqualTo(403);
				}
			}
		}
	}

	@Test
	void acceptsLocalOriginsAndClientsWithoutOrigin() throws Exception {
		try (RawWebSocket socket = rawHandshake("/ws", Map.of("Origin", "http://localhost:3000"))) {
			assertThat(socket.status()).isEqualTo(101);
		}
		try (RawWebSocket socket = rawHandshake("/ws", Map.of("Origin", "http://127.0.0.1:5173"))) {
			assertThat(socket.status()).isEqualTo(101);
		}
		try (RawWebSocket socket = rawHandshake("/ws", Map.of())) {
			assertThat(socket.status()).isEqualTo(101);
		}
	}

	@Test
	void aBurstOfFramesIsAbsorbedNotDropped() throws Exception {
		// Spring hands each frame over on the thread that read it, and the binding is
		// made
		// there: a burst slows the client's reads instead of filling a queue.
		// 1,000: within the subscriptions a connection may hold (1,024).
		StringBuilder burst = new StringBuilder();
		for (int i = 0; i < 1_000; i++) {
			burst.append("SUBSCRIBE\nid:").append(i).append("\ndestination:/topic/burst-").append(i).append("\n\n\0");
		}
		try (RawWebSocket socket = rawHandshake("/ws", Map.of("Sec-WebSocket-Protocol", "v12.stomp"))) {
			socket.sendText("CONNECT\naccept-version:1.2\nheart-beat:0,0\npasscode:" + token(newClientId()) + "\n\n\0");
			assertThat(socket.readUntil("CONNECTED")).contains("CONNECTED");
			socket.sendText(burst.toString());
			socket.sendText("DISCONNECT\nreceipt:after-burst\n\n\0");
			String received = socket.readUntil("receipt-id:after-burst");
			assertThat(received).as("the DISCONNECT's receipt before the timeout").isNotNull();
			assertThat(received).contains("RECEIPT\nreceipt-id:after-burst").doesNotContain("ERROR");
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

	@Test
	void aSockJsSessionThatNeverSendsConnectIsRefused() throws Exception {
		String session = "/sockjs/000/" + UUID.randomUUID().toString().replace("-", "");
		assertThat(post(session + "/xhr", "").body()).startsWith("o");
		// The next poll waits for what the node sends: the ERROR, once the 2 s are up.
		String polled = post(session + "/xhr", "").body();
		assertThat(polled).contains("ERROR\\nmessage:Unauthorized").contains("no CONNECT");
	}

	@Test
	void aSockJsSendThatIsNotAJsonArrayIs400() throws Exception {
		String session = "/sockjs/000/" + UUID.randomUUID().toString().replace("-", "");
		HttpResponse<String> open = post(session + "/xhr", "");
		assertThat(open.statusCode()).isEqualTo(200);
		assertThat(open.body()).startsWith("o");
		assertThat(post(session + "/xhr_send", "not json").statusCode()).isEqualTo(400);
		assertThat(post(session + "/xhr_send", "").statusCode()).isEqualTo(400);
	}

	@Test
	void servesSockJs() throws Exception {
		HttpResponse<String> info = get("/sockjs/info");
		assertThat(info.statusCode()).isEqualTo(200);
		assertThat(info.body()).contains("\"websocket\":true");
	}

	@Test
	void refusesFramesOver64KiBWithAnErrorFrame() throws Exception {
		try (RawWebSocket socket = rawHandshake("/ws", Map.of("Sec-WebSocket-Protocol", "v12.stomp"))) {
			assertThat(socket.status()).isEqualTo(101);
			socket.sendText("CONNECT\naccept-version:1.2\nx-padding:" + "x".repeat(70 * 1024) + "\n\n\0");
			String received = socket.readUntil("Frame too large");
			assertThat(received).as("an ERROR frame before the timeout").isNotNull();
			assertThat(received).contains("ERROR\nmessage:").doesNotContain("CONNECTED");
		}
	}

	@Test
	void acceptsFramesLargerThanTheContainerBuffer() throws Exception {
		// The container buffers 1 KiB of a message per session; the STOMP decoder
		// joins the parts of this 20 KiB CONNECT, multi-byte characters included.
		String clientId = newClientId();
		try (RawWebSocket socket = rawHandshake("/ws", Map.of("Sec-WebSocket-Protocol", "v12.stomp"))) {
			assertThat(socket.status()).isEqualTo(101);
			// Four headers: one header may have 8,192 characters.
			String padding = ("\nx-padding:" + "ä€😀x".repeat(512)).repeat(4);
			socket
				.sendText("CONNECT\naccept-version:1.2\nAuthorization:Bearer " + token(clientId) + padding + "\n\n\0");
			String received = socket.readUntil("CONNECTED");
			assertThat(received).contains("CONNECTED").doesNotContain("ERROR");
		}
	}

	@Test
	void sockJsSessionsTakeFramesLargerThanTheContainerBuffer() throws Exception {
		// SockJS needs whole messages, so its sessions keep Spring's 16 KiB buffer; this
		// 8 KiB CONNECT would be refused with 1009 at the 1 KiB a plain session has.
		String clientId = newClientId();
		try (RawWebSocket socket = rawHandshake("/sockjs/000/" + clientId + "/websocket", Map.of())) {
			assertThat(socket.status()).isEqualTo(101);
			assertThat(socket.readUntil("o")).isNotNull();
			socket.sendText("[\"CONNECT\\naccept-version:1.2\\nAuthorization:Bearer " + token(clientId)
					+ ("\\nx-padding:" + "x".repeat(4 * 1024)).repeat(2) + "\\n\\n\\u0000\"]");
			String received = socket.readUntil("CONNECTED");
			assertThat(received).contains("CONNECTED").doesNotContain("ERROR");
		}
	}

	@Test
	void exposesMetricsFromStartUp() throws Exception {
		HttpResponse<String> metrics = get("/actuator/prometheus");
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("warren_socket_connections", "warren_socket_messages_delivered_total",
				"warren_socket_slow_closed_total", "warren_socket_auth_refused_total");
		assertThat(get("/actuator/health").body()).contains("\"status\":\"UP\"");
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

}
