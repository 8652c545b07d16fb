package dev.warren.publisher.security;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.warren.publisher.IntegrationTestSupport;
import dev.warren.publisher.RawApi;

import static dev.warren.publisher.RawApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every admin endpoint against every kind of credential — none, a wrong one, a revoked
 * key, a key without the scope, an admin key, the admin token — over real HTTP; and the
 * endpoints that stay open.
 */
class AdminApiSecurityIntegrationTests extends IntegrationTestSupport {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	private RawApi api;

	@BeforeEach
	void api() {
		this.api = new RawApi(this.port);
	}

	/** Method and path of each admin endpoint, with a body where it takes one. */
	private static final List<String[]> ADMIN_ENDPOINTS = List.of(new String[] { "GET", "/v1/rabbit-channels", null },
			new String[] { "GET", "/v1/rabbit-channels/default", null },
			new String[] { "POST", "/v1/rabbit-channels", "{}" },
			new String[] { "DELETE", "/v1/rabbit-channels/no-such-channel", null },
			new String[] { "GET", "/v1/create-rabbit-ch", null }, new String[] { "GET", "/v1/api-keys", null },
			new String[] { "POST", "/v1/api-keys", "{}" }, new String[] { "DELETE", "/v1/api-keys/no-such-key", null },
			new String[] { "GET", "/v1/no-such-endpoint", null });

	@Test
	void everyAdminEndpointRefusesWhatIsNotAnAdminCredential() {
		String publishKey = createKey("publisher", "publish", "topics:write").path("key").asString();
		JsonNode revoked = createKey("gone", "admin");
		assertThat(send("DELETE", "/v1/api-keys/" + revoked.path("id").asString(), null, ADMIN_TOKEN).statusCode())
			.isEqualTo(204);
		Map<String, String> refused = new LinkedHashMap<>();
		refused.put("no credential", null);
		refused.put("a wrong token", "not-the-admin-token-not-a-key-at-all");
		refused.put("a made-up key", "wk_" + "A".repeat(43));
		refused.put("a revoked key", revoked.path("key").asString());
		int tried = 0;
		for (String[] endpoint : ADMIN_ENDPOINTS) {
			for (Map.Entry<String, String> credential : refused.entrySet()) {
				HttpResponse<String> response = send(endpoint[0], endpoint[1], endpoint[2], credential.getValue());
				assertProblem(response, 401, endpoint[0] + " " + endpoint[1] + " with " + credential.getKey());
				assertThat(response.headers().firstValue("WWW-Authenticate"))
					.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer"));
				tried++;
			}
			HttpResponse<String> withoutScope = send(endpoint[0], endpoint[1], endpoint[2], publishKey);
			assertProblem(withoutScope, 403, endpoint[0] + " " + endpoint[1] + " with a publish key");
			tried++;
		}
		System.out.printf("%d refused requests to %d admin endpoints%n", tried, ADMIN_ENDPOINTS.size());
	}

	@Test
	void theAdminTokenAndAnAdminKeyAreLetIn() {
		String adminKey = createKey("operator", "admin").path("key").asString();
		for (String credential : new String[] { ADMIN_TOKEN, adminKey }) {
			assertThat(send("GET", "/v1/rabbit-channels", null, credential).statusCode()).isEqualTo(200);
			assertThat(send("GET", "/v1/api-keys", null, credential).statusCode()).isEqualTo(200);
			// Past security, the endpoint's own answers.
			assertProblem(send("POST", "/v1/rabbit-channels", "{}", credential), 400, "an empty channel");
			assertProblem(send("DELETE", "/v1/api-keys/no-such-key", null, credential), 404, "an unknown key");
		}
	}

	@Test
	void aKeyIsShownOnceStoredAsAHashAndRevokedAtOnce() {
		JsonNode created = createKey("ci deploys", "admin");
		String key = created.path("key").asString();
		assertThat(key).startsWith("wk_").hasSize(46);
		assertThat(created.path("prefix").asString()).isEqualTo(key.substring(0, 10));
		JsonNode listed = json.readTree(send("GET", "/v1/api-keys", null, ADMIN_TOKEN).body());
		JsonNode mine = null;
		for (JsonNode entry : listed) {
			assertThat(entry.has("key")).as("a listed key never shows its secret").isFalse();
			if (entry.path("id").asString().equals(created.path("id").asString())) {
				mine = entry;
			}
		}
		assertThat(mine).isNotNull();
		assertThat(mine.path("name").asString()).isEqualTo("ci deploys");
		assertThat(mine.path("scopes")).extracting(JsonNode::asString).containsExactly("admin");
		assertThat(send("GET", "/v1/api-keys", null, key).statusCode()).isEqualTo(200);
		assertThat(send("DELETE", "/v1/api-keys/" + created.path("id").asString(), null, key).statusCode())
			.isEqualTo(204);
		assertProblem(send("GET", "/v1/api-keys", null, key), 401, "the revoked key");
	}

	@Test
	void unknownScopesAndBadRequestsAreNamed() {
		HttpResponse<String> unknown = send("POST", "/v1/api-keys", "{\"name\":\"x\",\"scopes\":[\"root\"]}",
				ADMIN_TOKEN);
		assertProblem(unknown, 400, "an unknown scope");
		assertThat(json.readTree(unknown.body()).path("errors").path("scopes").asString()).contains("root");
		HttpResponse<String> empty = send("POST", "/v1/api-keys", "{\"name\":\"\",\"scopes\":[]}", ADMIN_TOKEN);
		assertProblem(empty, 400, "no name and no scopes");
		assertThat(json.readTree(empty.body()).path("errors").propertyNames()).contains("name", "scopes");
	}

	@Test
	void fieldsTheApiDoesNotTakeBindToNothing() {
		HttpResponse<String> key = send("POST", "/v1/api-keys",
				"{\"name\":\"sneaky\",\"scopes\":[\"publish\"],\"id\":\"chosen\",\"key\":\"wk_chosen\","
						+ "\"keyHash\":\"00\",\"createdAt\":\"2000-01-01T00:00:00Z\"}",
				ADMIN_TOKEN);
		assertThat(key.statusCode()).isEqualTo(201);
		JsonNode created = json.readTree(key.body());
		assertThat(created.path("id").asString()).isNotEqualTo("chosen");
		assertThat(created.path("key").asString()).isNotEqualTo("wk_chosen").startsWith("wk_");
		assertThat(created.path("createdAt").asString()).doesNotStartWith("2000");
		HttpResponse<String> client = send("POST", "/v1/create-channel-client",
				"{\"name\":\"Eve\",\"email\":\"eve-" + System.nanoTime()
						+ "@example.com\",\"password\":\"password-eve\",\"clientId\":\"chosen-client\","
						+ "\"passwordHash\":\"x\"}",
				null);
		assertThat(client.statusCode()).isEqualTo(201);
		assertThat(json.readTree(client.body()).path("clientId").asString()).isNotEqualTo("chosen-client");
	}

	@Test
	void registrationLoginHealthMetricsAndTheApiDescriptionStayOpen() {
		assertThat(send("GET", "/", null, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/actuator/health", null, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/actuator/health/readiness", null, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/actuator/prometheus", null, null).statusCode()).isEqualTo(200);
		assertProblem(
				send("POST", "/v1/auth/token", "{\"email\":\"nobody@example.com\",\"password\":\"whatever1\"}", null),
				401, "a login with unknown credentials (the login's own answer)");
		assertProblem(send("POST", "/v1/create-channel-client", "{}", null), 400, "an empty registration");
		HttpResponse<String> docs = send("GET", "/v3/api-docs", null, null);
		assertThat(docs.statusCode()).isEqualTo(200);
		JsonNode scheme = json.readTree(docs.body()).path("components").path("securitySchemes").path("bearer");
		assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
		assertThat(docs.body()).contains("\"security\":[{\"bearer\":[\"admin\"]}]");
	}

	@Test
	void actuatorShowsOnlyHealthAndPrometheus() {
		for (String endpoint : new String[] { "env", "beans", "configprops", "info", "loggers", "heapdump" }) {
			assertThat(send("GET", "/actuator/" + endpoint, null, ADMIN_TOKEN).statusCode()).as(endpoint)
				.isEqualTo(404);
			assertThat(send("GET", "/actuator/" + endpoint, null, null).statusCode()).as(endpoint).isEqualTo(401);
		}
	}

	private JsonNode createKey(String name, String... scopes) {
		return this.api.createKey(ADMIN_TOKEN, name, scopes);
	}

	private HttpResponse<String> send(String method, String path, String body, String bearer) {
		return this.api.sendJson(method, path, body, bearer);
	}

}
