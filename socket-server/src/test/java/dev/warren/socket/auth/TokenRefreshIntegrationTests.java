package dev.warren.socket.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.simp.stomp.StompHeaders;

import dev.warren.socket.support.SocketServerIntegrationTest;
import dev.warren.socket.support.StompProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A live session that is handed a fresh token of its client ({@code SEND} to
 * {@code /app/auth/refresh}, the token as body) outlives its first token and keeps
 * receiving, while a session without one is closed at its token's expiry. Another
 * client's token, or a forged one, ends the session. On the servlet path here, on the
 * edge in {@link EdgeTokenRefreshIntegrationTests}.
 */
class TokenRefreshIntegrationTests extends SocketServerIntegrationTest {

	@Test
	void aRefreshedSessionOutlivesItsFirstTokenWhileAnotherIsClosed() throws Exception {
		String alice = newClientId();
		String bob = newClientId();
		StompProbe refreshed = connect(bearer(this.tokens.issue(alice, Duration.ofSeconds(3)).value()));
		StompProbe.Inbox aliceInbox = refreshed.subscribe("/user/queue/data");
		StompProbe expiring = connect(bearer(this.tokens.issue(bob, Duration.ofSeconds(3)).value()));
		expiring.subscribe("/user/queue/data");

		long before = System.currentTimeMillis();
		String expiresAt = refresh(refreshed, token(alice)).get(10, TimeUnit.SECONDS);
		assertThat(Long.parseLong(expiresAt)).isGreaterThan(before + Duration.ofMinutes(5).toMillis());

		await().atMost(timeout()).until(expiring::isClosed);
		assertThat(expiring.errors()).singleElement()
			.satisfies((error) -> assertThat(error.text()).isEqualTo("token expired"));
		// Past the first token's expiry the refreshed session still receives.
		await().pollDelay(Duration.ofSeconds(1)).atMost(timeout()).until(() -> !refreshed.isClosed());
		publish("client." + alice, "{\"after\":\"expiry\"}", "after-expiry-" + UUID.randomUUID());
		await().atMost(timeout()).until(() -> aliceInbox.texts().contains("{\"after\":\"expiry\"}"));
		assertThat(refreshed.isClosed()).isFalse();
		assertThat(refreshed.errors()).isEmpty();
	}

	@Test
	void anotherClientsTokenEndsTheSession() {
		StompProbe probe = connected(newClientId());
		refresh(probe, token(newClientId()));
		await().atMost(timeout()).until(probe::isClosed);
		assertThat(probe.errors()).singleElement().satisfies((error) -> {
			assertThat(error.header("message")).isEqualTo("Forbidden token");
			assertThat(error.text()).contains("another client");
		});
	}

	@Test
	void aForgedOrMissingTokenEndsTheSessionAsUnauthorized() {
		StompProbe forged = connected(newClientId());
		refresh(forged, "not.a.jwt");
		await().atMost(timeout()).until(forged::isClosed);
		assertThat(forged.errors()).singleElement()
			.satisfies((error) -> assertThat(error.header("message")).isEqualTo("Unauthorized"));

		StompProbe empty = connected(newClientId());
		refresh(empty, "");
		await().atMost(timeout()).until(empty::isClosed);
		assertThat(empty.errors()).singleElement()
			.satisfies((error) -> assertThat(error.header("message")).isEqualTo("Unauthorized"));
	}

	/** Sends the token with a receipt; completes with the RECEIPT's expiry. */
	private static CompletableFuture<String> refresh(StompProbe probe, String token) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(TokenRefresh.DESTINATION);
		headers.setReceipt(UUID.randomUUID().toString());
		CompletableFuture<String> expiresAt = new CompletableFuture<>();
		probe.session()
			.send(headers, token.getBytes(StandardCharsets.UTF_8))
			.addReceiptTask((receipt) -> expiresAt.complete(receipt.getFirst(TokenRefresh.EXPIRES_AT_HEADER)));
		return expiresAt;
	}

}
