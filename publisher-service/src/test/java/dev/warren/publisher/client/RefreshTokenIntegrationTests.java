package dev.warren.publisher.client;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.warren.common.token.HmacTokens;
import dev.warren.publisher.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refresh tokens through the HTTP API, against the real database: a login answers one, a
 * refresh exchanges it for a fresh token and the next one, a used one that comes back
 * revokes its whole login, and a revoked one is refused.
 */
@SuppressWarnings({ "rawtypes", "unchecked" })
class RefreshTokenIntegrationTests extends IntegrationTestSupport {

	@Autowired
	HmacTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aRefreshAnswersAFreshTokenAndTheNextRefreshToken() {
		Map login = register();
		String clientId = (String) login.get("clientId");
		String first = (String) login.get("refreshToken");
		assertThat(first).hasSizeGreaterThanOrEqualTo(43);
		assertThat(login).containsKey("refreshTokenExpiresAt");
		// Only its hash is kept.
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM warren_refresh_token WHERE token_hash = ?")
			.param(first)
			.query(Integer.class)
			.single()).isZero();

		ResponseEntity<Map> refreshed = refresh(first);
		assertThat(refreshed.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(refreshed.getBody()).containsEntry("clientId", clientId).containsKeys("socketUrl", "tokenExpiresAt");
		assertThat(this.tokens.verify((String) refreshed.getBody().get("token")).clientId()).isEqualTo(clientId);
		String second = (String) refreshed.getBody().get("refreshToken");
		assertThat(second).isNotEqualTo(first);

		ResponseEntity<Map> again = refresh(second);
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(again.getBody()).containsEntry("clientId", clientId);
	}

	@Test
	void aUsedRefreshTokenThatComesBackRevokesItsWholeLogin() {
		Map login = register();
		String first = (String) login.get("refreshToken");
		String second = (String) refresh(first).getBody().get("refreshToken");

		ResponseEntity<Map> reused = refresh(first);
		assertProblem(reused, "already used");
		// The thief's copy and the client's own next token are both dead now.
		assertProblem(refresh(second), "revoked");

		// Another login of the same client is a family of its own, untouched.
		Map otherLogin = login((String) login.get("email"));
		assertThat(refresh((String) otherLogin.get("refreshToken")).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void aRevokedRefreshTokenIsRefusedAndAnUnknownOneToo() {
		Map login = register();
		String first = (String) login.get("refreshToken");
		assertThat(
				this.http.postForEntity("/v1/auth/revoke", Map.of("refreshToken", first), Void.class).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		assertProblem(refresh(first), "revoked");
		assertThat(
				this.http.postForEntity("/v1/auth/revoke", Map.of("refreshToken", "nope"), Void.class).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		assertProblem(refresh("no-such-token"), "unknown");
		ResponseEntity<Map> empty = this.http.postForEntity("/v1/auth/refresh", Map.of("refreshToken", ""), Map.class);
		assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat((Map<String, Object>) empty.getBody().get("errors")).containsKey("refreshToken");
	}

	private Map register() {
		String email = "refresh-" + UUID.randomUUID() + "@example.test";
		ResponseEntity<Map> created = this.http.postForEntity("/v1/create-channel-client",
				Map.of("name", "Rae", "email", email, "password", "secret123"), Map.class);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		Map body = created.getBody();
		body.put("email", email);
		return body;
	}

	private Map login(String email) {
		ResponseEntity<Map> login = this.http.postForEntity("/v1/auth/token",
				Map.of("email", email, "password", "secret123"), Map.class);
		assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
		return login.getBody();
	}

	private ResponseEntity<Map> refresh(String refreshToken) {
		return this.http.postForEntity("/v1/auth/refresh", Map.of("refreshToken", refreshToken), Map.class);
	}

	private static void assertProblem(ResponseEntity<Map> response, String detail) {
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat((String) response.getBody().get("detail")).contains(detail);
		assertThat(response.getBody()).doesNotContainKeys("token", "refreshToken");
	}

}
