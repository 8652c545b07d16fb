package dev.warren.socket.edge;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.warren.socket.support.RawWebSocket;
import dev.warren.socket.support.SocketServerIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Netty edge's upgrade and STOMP framing, seen by a raw WebSocket client.
 */
// Interest bindings (warren.history.store=none) make each SUBSCRIBE wait for the broker,
// which the flood test needs to fill the lane.
@TestPropertySource(properties = "warren.history.store=none")
class EdgeHandshakeIntegrationTests extends SocketServerIntegrationTest {

	@Override
	protected boolean onEdge() {
		return true;
	}

	@Test
	void requestsThatCannotBeServedAreAnsweredWithProblems() {
		assertHostileRequestsAreAnsweredWithProblems(webSocketPort());
	}

	@Test
	void negotiatesStompSubprotocolAndDeclinesPermessageDeflate() throws Exception {
		try (RawWebSocket socket = rawHandshake("/ws", Map.of("Sec-WebSocket-Protocol", "v12.stomp",
				"Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"))) {
			assertThat(socket.status()).isEqualTo(101);
			assertThat(socket.header("Sec-WebSocket-Protocol")).isEqualTo("v12.stomp");
			assertThat(socket.header("Sec-WebSocket-Extensions")).isNull();
		}
		try (RawWebSocket socket = rawHandshake("/ws",
				Map.of("Sec-WebSocket-Protocol", "v10.stomp, v11.stomp, v12.stomp"))) {
			assertThat(socket.status()).isEqualTo(101);
			assertThat(socket.header("Sec-WebSocket-Protocol")).isIn("v10.stomp", "v11.stomp", "v12.stomp");
		}
	}

	@Test
	void refusesForeignOriginAndOtherPaths() throws Exception {
		for (String path : new String[] { "/ws", "/ws/json" }) {
			try (RawWebSocket socket = rawHandshake(path, Map.of("Origin", "http://evil.example"))) {
				assertThat(socket.status()).as(path).isEqualTo(403);
			}
		}
		try (RawWebSocket socket = rawHandshake("/other", Map.of())) {
			assertThat(socket.status()).isEqualTo(404);
		}
		for (String malformed : new String[] { "http://[bad", "http://a b", "::::" }) {
			try (RawWebSocket socket = rawHandshake("/ws", Map.of("Origin", malformed))) {
				assertThat(socket.status()).as(malformed).isEqualTo(403);
			}
		}
	}

	@Test
	void acceptsLocalOriginsTheSameOriginAndClientsWithoutOrigin() throws Exception {
		for (String origin : new String[] { "http://localhost:3000", "http://127.0.0.1:5173",
				"http://127.0.0.1:" + webSocketPort() }) {
			try (RawWebSocket socket = rawHandshake("/ws", Map.of("Origin", origin))) {
				assertThat(socket.status()).as(origin).isEqualTo(101);
			}
		}
		try (RawWebSocket socket = rawHandshake("/ws", Map.of())) {
			assertThat(socket.status()).isEqualTo(101);
		}
	}

	@Test
	void refusesFramesOverTheSizeLimitWithAnErrorFrame() throws Exception {
		try (RawWebSocket socket = rawHandshake("/ws", Map.of("Sec-WebSocket-Protocol", "v12.stomp"))) {
			socket.sendText("CONNECT\naccept-version:1.2\nx-padding:" + "x".repeat(70 * 1024) + "\n\n\0");
			String received = socket.readUntil("Frame too large");
			assertThat(received).as("an ERROR frame before the timeout").isNotNull();
			assertThat(received).contains("ERROR\n").doesNotContain("CONNECTED");
		}
	}

	@Test
	void joinsAFrameSentInSeveralMessagesWithMultiByteCharacters() throws Exception {
		String clientId = newClientId();
		// Four headers: one header may have 8,192 characters.
		String connect = "CONNECT\naccept-version:1.2\nAuthorization:Bearer " + token(clientId)
				+ ("\nx-padding:" + "ä€😀x".repeat(512)).repeat(4) + "\n\n\0";
		int cut = connect.length() / 2;
		if (Character.isHighSurrogate(connect.charAt(cut - 1))) {
			// Text messages are whole characters; the bytes of one still span both.
			cut++;
		}
		try (RawWebSocket socket = rawHandshake("/ws", Map.of("Sec-WebSocket-Protocol", "v12.stomp"))) {
			socket.sendText(connect.substring(0, cut));
			socket.sendText(connect.substring(cut));
			String received = socket.readUntil("CONNECTED");
			assertThat(received).contains("CONNECTED\nversion:1.2").contains("user-name:" + clientId);
			assertThat(received).doesNotContain("ERROR");
			assertThat(this.edge.size()).isPositive();
		}
	}

	@Test
	void framesBeforeConnectAreRefused() throws Exception {
		try (RawWebSocket socket = rawHandshake("/ws", Map.of("Sec-WebSocket-Protocol", "v12.stomp"))) {
			socket.sendText("SUBSCRIBE\nid:0\ndestination:/user/queue/data\n\n\0");
			String received = socket.readUntil("not connected");
			assertThat(received).contains("ERROR\n").contains("message:Unauthorized");
		}
	}

	@Test
	void receiptOfDisconnectThenClose() throws Exception {
		try (RawWebSocket socket = rawHandshake("/ws", Map.of("Sec-WebSocket-Protocol", "v12.stomp"))) {
			socket.sendText("CONNECT\naccept-version:1.2\nheart-beat:0,0\npasscode:" + token(newClientId())
					+ "\n\n\0DISCONNECT\nreceipt:bye\n\n\0");
			String received = socket.readUntil("receipt-id:bye");
			assertThat(received).contains("CONNECTED").contains("RECEIPT\nreceipt-id:bye");
		}
	}

	@Test
	void aClientFloodingItsInboundLaneIsClosedWithPolicyViolation() throws Exception {
		int frames = 1_200; // above warren.socket.max-queued-messages (1,000)
		StringBuilder flood = new StringBuilder();
		for (int i = 0; i < frames; i++) {
			flood.append("SUBSCRIBE\nid:").append(i).append("\ndestination:/topic/flood-").append(i).append("\n\n\0");
		}
		try (RawWebSocket socket = rawHandshake("/ws", Map.of("Sec-WebSocket-Protocol", "v12.stomp"))) {
			socket.sendText("CONNECT\naccept-version:1.2\nheart-beat:0,0\npasscode:" + token(newClientId()) + "\n\n\0");
			assertThat(socket.readUntil("CONNECTED")).contains("CONNECTED");
			// One WebSocket message holding every frame: all of them reach the session's
			// lane at once, while each SUBSCRIBE waits for a binding.
			socket.sendText(flood.toString());
			String received = socket.readUntil("too many frames waiting");
			assertThat(received).as("a close frame before the timeout").isNotNull();
			// First an ERROR frame saying why.
			assertThat(received).contains("ERROR\nmessage:Too many frames");
			assertThat(received.indexOf("ERROR\nmessage:Too many frames"))
				.isLessThan(received.indexOf("too many frames waiting"));
			// Close frame: opcode 0x8, status 1008 (0x03F0), then the reason.
			assertThat(received).contains("\u0088").contains("\u0003\u00f0too many frames waiting");
			// Then the server ends the connection: reading meets its end, not the
			// timeout.
			assertThat(socket.readUntil("nothing more")).as("end of stream").isNotNull();
		}
	}

}
