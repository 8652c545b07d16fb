package dev.warren.socket.delivery;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

import dev.warren.socket.edge.EdgeServer;
import dev.warren.socket.support.SocketServerIntegrationTest;
import dev.warren.socket.support.StompProbe.Inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node told not to serve the Netty edge ({@code warren.socket.edge.enabled=false}): no
 * edge is started and the servlet container's {@code /ws} delivers on its own.
 */
@TestPropertySource(properties = "warren.socket.edge.enabled=false")
class ServletOnlyNodeIntegrationTests extends SocketServerIntegrationTest {

	@Autowired
	ApplicationContext context;

	@Test
	void noEdgeIsStartedAndTheServletEndpointDelivers() {
		assertThat(this.context.getBeanNamesForType(EdgeServer.class)).isEmpty();
		assertThat(this.edge).isNull();

		String alice = newClientId();
		String bob = newClientId();
		Inbox aliceInbox = connected(alice).subscribe("/user/queue/data");
		Inbox bobInbox = connected(bob).subscribe("/user/queue/data");
		publish("client." + alice, "for-alice", "servlet-only-1");
		publish("client." + bob, "for-bob", "servlet-only-2");
		await().atMost(timeout()).until(() -> aliceInbox.frames().size() == 1 && bobInbox.frames().size() == 1);
		assertThat(aliceInbox.texts()).containsExactly("for-alice");
		assertThat(bobInbox.texts()).containsExactly("for-bob");
	}

}
