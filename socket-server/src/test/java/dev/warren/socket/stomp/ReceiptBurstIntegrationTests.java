package dev.warren.socket.stomp;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.warren.socket.support.RawWebSocket;
import dev.warren.socket.support.SocketServerIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that subscribes to many topics at once, each SUBSCRIBE asking for a receipt,
 * gets every receipt and no ERROR: each subscription needs a binding on the broker, and
 * the burst waits for them rather than being taken for a slow or flooding client. On the
 * servlet path here, on the edge in the subclass.
 */
// The bindings the burst waits for exist with warren.history.store=none only.
@TestPropertySource(properties = { "warren.socket.max-subscriptions-per-session=10000", "warren.history.store=none" })
class ReceiptBurstIntegrationTests extends SocketServerIntegrationTest {

	/**
	 * How many SUBSCRIBEs are sent at once: the edge answers more frames waiting than
	 * {@code warren.socket.max-queued-messages} (1,000) with {@code Too many frames}, the
	 * servlet path reads no further while it binds.
	 * @return the burst's size
	 */
	protected int burstSize() {
		return 5_000;
	}

	@Test
	void aBurstOfReceiptedSubscribesGetsEveryReceipt() throws Exception {
		int count = burstSize();
		String run = Long.toString(System.nanoTime(), 36);
		StringBuilder burst = new StringBuilder();
		for (int i = 0; i < count; i++) {
			burst.append("SUBSCRIBE\nid:")
				.append(i)
				.append("\nreceipt:r-")
				.append(i)
				.append("\ndestination:/topic/receipted-")
				.append(run)
				.append('-')
				.append(i)
				.append("\n\n\0");
		}
		try (RawWebSocket socket = rawHandshake("/ws", Map.of("Sec-WebSocket-Protocol", "v12.stomp"))) {
			socket.sendText("CONNECT\naccept-version:1.2\nheart-beat:0,0\npasscode:" + token(newClientId()) + "\n\n\0");
			assertThat(socket.readUntil("CONNECTED")).contains("CONNECTED");
			for (int from = 0; from < burst.length(); from += 60_000) {
				socket.sendText(burst.substring(from, Math.min(burst.length(), from + 60_000)));
			}
			socket.sendText("DISCONNECT\nreceipt:after-burst\n\n\0");
			String received = socket.readUntil("receipt-id:after-burst");
			assertThat(received).as("the DISCONNECT's receipt before the timeout").isNotNull();
			assertThat(received).doesNotContain("ERROR");
			assertThat(received.split("RECEIPT\n", -1)).hasSize(count + 2);
			assertThat(received).contains("receipt-id:r-0\n").contains("receipt-id:r-" + (count - 1) + "\n");
		}
	}

}
