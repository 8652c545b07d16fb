package dev.warren.socket.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.warren.socket.support.SocketServerIntegrationTest;
import dev.warren.socket.support.StompProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * What one client may hold on a node, over STOMP: a connection past
 * {@code max-sessions-per-client}, a subscription past
 * {@code max-subscriptions-per-session}, each refused with an ERROR that says which; a
 * closed connection makes room again. On the servlet path here, on the edge (and for
 * JSON) in the subclass.
 */
@TestPropertySource(
		properties = { "warren.socket.max-sessions-per-client=2", "warren.socket.max-subscriptions-per-session=3" })
class HubLimitsIntegrationTests extends SocketServerIntegrationTest {

	@Autowired
	MeterRegistry meters;

	@Test
	void aClientPastItsConnectionsIsRefusedUntilOneCloses() {
		String client = newClientId();
		StompProbe first = connected(client);
		connected(client);
		double before = refused("sessions-per-client");
		StompProbe third = connect(bearer(token(client)));
		await().atMost(timeout()).until(() -> !third.errors().isEmpty() || third.isClosed());
		assertThat(third.errors()).singleElement().satisfies((error) -> {
			assertThat(error.header("message")).isEqualTo("Too many connections");
			assertThat(error.text()).contains("warren.socket.max-sessions-per-client");
		});
		assertThat(refused("sessions-per-client")).isEqualTo(before + 1);
		first.session().disconnect();
		await().atMost(timeout()).untilAsserted(() -> assertThat(connected(client).isConnected()).isTrue());
	}

	@Test
	void aConnectionPastItsSubscriptionsGetsAnError() {
		StompProbe probe = connected(newClientId());
		String run = Long.toString(System.nanoTime(), 36);
		List<String> topics = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			topics.add("/topic/limited-" + run + "-" + i);
			probe.subscribe(topics.get(i));
		}
		double before = refused("subscriptions-per-session");
		Throwable fourth = catchThrowable(() -> probe.subscribe("/topic/limited-" + run + "-3"));
		assertThat(fourth).isInstanceOf(CompletionException.class);
		await().atMost(timeout()).until(() -> !probe.errors().isEmpty());
		assertThat(probe.errors().get(0).header("message")).isEqualTo("Too many subscriptions");
		assertThat(refused("subscriptions-per-session")).isEqualTo(before + 1);
	}

	private double refused(String limit) {
		return this.meters.get("warren.abuse.throttled").tag("limit", limit).counter().count();
	}

}
