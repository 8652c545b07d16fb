package dev.warren.socket.session;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.warren.socket.node.InterestBindings;
import dev.warren.socket.support.RawWebSocket;
import dev.warren.socket.support.SocketServerIntegrationTest;
import dev.warren.socket.support.StompProbe.Inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SlowSessionIntegrationTests extends SocketServerIntegrationTest {

	@Autowired
	MeterRegistry meters;

	@Autowired
	InterestBindings bindings;

	@Test
	void clientThatStopsReadingIsClosedWhileOthersKeepReceiving() throws Exception {
		String slow = newClientId();
		String healthy = newClientId();
		Inbox healthyInbox = connected(healthy).subscribe("/user/queue/data");
		double closedBefore = this.meters.get("warren.socket.slow.closed").counter().count();
		try (RawWebSocket socket = rawHandshake("/ws", Map.of("Sec-WebSocket-Protocol", "v12.stomp"))) {
			socket.sendText(
					"CONNECT\naccept-version:1.2\nheart-beat:0,0\nAuthorization:Bearer " + token(slow) + "\n\n\0");
			socket.sendText("SUBSCRIBE\nid:0\ndestination:/user/queue/data\n\n\0");
			await().atMost(timeout()).until(() -> this.bindings.holders("client." + slow) == 1);
			// Never read: socket buffers fill, writes block, frames wait until the lane
			// is over its bound.
			String chunk = "{\"pad\":\"" + "x".repeat(60 * 1024) + "\"}";
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				for (int i = 0; i < 20; i++) {
					publish("client." + slow, chunk, "big");
				}
				return this.meters.get("warren.socket.slow.closed").counter().count() > closedBefore;
			});
			publish("client." + healthy, "still here", "ok");
			await().atMost(timeout()).until(() -> healthyInbox.texts().contains("still here"));
			await().atMost(Duration.ofSeconds(40)).until(() -> this.bindings.holders("client." + slow) == 0);
		}
	}

}
