package dev.warren.publisher.client;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import dev.warren.common.ChannelName;
import dev.warren.common.token.HmacTokens;
import dev.warren.publisher.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

class ClientIntegrationTests extends IntegrationTestSupport {

	@Autowired
	HmacTokens tokens;

	@Autowired
	ClientRepository clients;

	@Test
	void registerAgainLoginAndWrongPassword() {
		String email = "Ann." + UUID.randomUUID() + "@Example.com";
		ResponseEntity<Map> created = register("Ann", email, "secret123");
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String clientId = (String) created.getBody().get("clientId");
		assertThat(ChannelName.isValid(clientId)).isTrue();
		assertThat(created.getBody()).containsEntry("channel", "/user/queue/data")
			.containsEntry("socketUrl", "ws://localhost:8091/ws")
			.containsKeys("token", "tokenExpiresAt");
		assertThat(this.tokens.verify((String) created.getBody().get("token")).clientId()).isEqualTo(clientId);

		ResponseEntity<Map> again = register("Ann again", email.toUpperCase(), "secret123");
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(again.getBody()).containsEntry("clientId", clientId);
		assertThat(again.getBody().get("token")).isNotEqualTo(created.getBody().get("token"));

		ResponseEntity<Map> wrong = register("Ann", email, "not-the-password");
		assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(wrong.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

		ResponseEntity<Map> login = post("/v1/auth/token",
				Map.of("email", email.toLowerCase(), "password", "secret123"));
		assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(login.getBody()).containsEntry("clientId", clientId);
		assertThat(this.tokens.verify((String) login.getBody().get("token")).clientId()).isEqualTo(clientId);

		// A wrong password and an unknown email get the same answer.
		ResponseEntity<Map> wrongPassword = post("/v1/auth/token",
				Map.of("email", email, "password", "wrong-password"));
		ResponseEntity<Map> unknownEmail = post("/v1/auth/token",
				Map.of("email", "nobody-" + email, "password", "secret123"));
		assertThat(wrongPassword.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(unknownEmail.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(unknownEmail.getBody()).isEqualTo(wrongPassword.getBody());

		assertThat(this.clients.findByEmail(email.toLowerCase())).hasValueSatisfying(
				(client) -> assertThat(client.getPasswordHash()).startsWith("$2a$").doesNotContain("secret123"));
	}

	@Test
	void invalidBodyNamesTheFields() {
		ResponseEntity<Map> response = post("/v1/create-channel-client",
				Map.of("name", "", "email", "not-an-email", "password", "short"));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat((Map<String, Object>) response.getBody().get("errors")).containsKeys("name", "email", "password");
	}

	@Test
	void malformedJsonIsABadRequest() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<Map> response = this.http.postForEntity("/v1/create-channel-client",
				new HttpEntity<>("{\"name\": [1,", headers), Map.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody()).containsKey("errors");
	}

	private ResponseEntity<Map> register(String name, String email, String password) {
		return post("/v1/create-channel-client", Map.of("name", name, "email", email, "password", password));
	}

	private ResponseEntity<Map> post(String path, Object body) {
		return this.http.postForEntity(path, body, Map.class);
	}

}
