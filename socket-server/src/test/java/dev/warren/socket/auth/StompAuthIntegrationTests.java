package dev.warren.socket.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.simp.stomp.StompHeaders;

import dev.warren.common.token.HmacTokens;
import dev.warren.socket.node.InterestBindings;
import dev.warren.socket.support.SocketServerIntegrationTest;
import dev.warren.socket.support.StompProbe;
import dev.warren.testsupport.ForeignTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StompAuthIntegrationTests extends SocketServerIntegrationTest {

	@Autowired
	MeterRegistry meters;

	@Autowired
	InterestBindings bindings;

	@Test
	void connectWithBearerTokenNegotiatesHeartbeats() {
		StompProbe probe = connected(newClientId());
		assertThat(probe.connectedHeaders().getHeartbeat()).containsExactly(10_000, 10_000);
		assertThat(probe.connectedHeaders().getFirst("user-name")).startsWith("c-");
	}

	@Test
	void connectWithPasscode() {
		String clientId = newClientId();
		StompHeaders headers = new StompHeaders();
		headers.setPasscode(token(clientId));
		StompProbe probe = connect(headers);
		probe.session();
		assertThat(probe.connectedHeaders().getFirst("user-name")).isEqualTo(clientId);
	}

	@Test
	void connectWithoutTokenIsRefused() {
		assertRefused(connect(new StompHeaders()));
	}

	@Test
	void connectWithForgedTokenIsRefused() {
		HmacTokens forger = new HmacTokens(
				"another-secret-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
		assertRefused(connect(bearer(forger.issue(newClientId(), Duration.ofMinutes(5)).value())));
	}

	@Test
	void connectWithATokenOfAnotherIssuerOrAudienceIsRefused() {
		// Signed with the nodes' own secret, so only the claims can tell.
		assertRefused(connect(
				bearer(ForeignTokens.sign(SECRET, newClientId(), "another-system", List.of(HmacTokens.AUDIENCE)))));
		assertRefused(connect(
				bearer(ForeignTokens.sign(SECRET, newClientId(), HmacTokens.ISSUER, List.of("another-service")))));
		assertRefused(connect(bearer(ForeignTokens.sign(SECRET, newClientId(), HmacTokens.ISSUER, List.of()))));
		assertThat(connected(newClientId()).connectedHeaders()).isNotNull();
	}

	@Test
	void connectWithExpiredTokenIsRefused() {
		HmacTokens past = new HmacTokens(SECRET.getBytes(StandardCharsets.UTF_8),
				Clock.offset(Clock.systemUTC(), Duration.ofHours(-2)));
		assertRefused(connect(bearer(past.issue(newClientId(), Duration.ofHours(1)).value())));
	}

	@Test
	void connectWithGarbageTokenIsRefused() {
		assertRefused(connect(bearer("not.a.jwt")));
	}

	@Test
	void refusalsAreCounted() {
		double before = this.meters.get("warren.socket.auth.refused").counter().count();
		assertRefused(connect(bearer("garbage")));
		assertThat(this.meters.get("warren.socket.auth.refused").counter().count()).isEqualTo(before + 1);
	}

	@Test
	void sessionIsClosedWhenItsTokenExpires() {
		String clientId = newClientId();
		StompProbe probe = connect(bearer(this.tokens.issue(clientId, Duration.ofSeconds(3)).value()));
		probe.subscribe("/user/queue/data");
		assertThat(this.bindings.holders("client." + clientId)).isEqualTo(1);
		assertThat(probe.isClosed()).isFalse();
		await().atMost(timeout()).until(probe::isClosed);
		assertThat(probe.errors()).singleElement().satisfies((error) -> {
			assertThat(error.header("message")).isEqualTo("Unauthorized");
			assertThat(error.text()).isEqualTo("token expired");
		});
		// The session is gone, and with it the client's binding.
		await().atMost(timeout()).until(() -> this.bindings.holders("client." + clientId) == 0);
	}

	private static void assertRefused(StompProbe probe) {
		await().atMost(timeout()).until(probe::isClosed);
		assertThat(probe.isConnected()).isFalse();
		assertThat(probe.errors()).singleElement()
			.satisfies((error) -> assertThat(error.header("message")).isEqualTo("Unauthorized"));
	}

}
