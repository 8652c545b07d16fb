package dev.warren.subclient.http;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The calls {@code warren-sub} makes to publisher-service's HTTP API.
 */
public class PublisherClient {

	private static final ObjectMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	/**
	 * Creates a client.
	 * @param baseUrl publisher-service's base URL, e.g. {@code http://localhost:8080}
	 */
	public PublisherClient(String baseUrl) {
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	/**
	 * Registers a client, or gets the known one back with a fresh token.
	 * @param name display name
	 * @param email email
	 * @param password password
	 * @return the session
	 * @throws PublisherException when publisher-service refuses or cannot be reached
	 */
	public ClientSession register(String name, String email, String password) {
		return session(post("/v1/create-channel-client", Map.of("name", name, "email", email, "password", password)));
	}

	/**
	 * Logs in.
	 * @param email email
	 * @param password password
	 * @return the session
	 * @throws PublisherException when publisher-service refuses or cannot be reached
	 */
	public ClientSession login(String email, String password) {
		return session(post("/v1/auth/token", Map.of("email", email, "password", password)));
	}

	/**
	 * Asks publisher-service (in test mode) to publish fake messages to one client.
	 * @param count how many
	 * @param clientId the client to address them to
	 * @return how many were published
	 * @throws PublisherException when refused, with a hint when test mode is off
	 */
	public int publishFake(int count, String clientId) {
		String path = "/v1/publish-data-over-ch?count=" + count + "&clientId="
				+ URLEncoder.encode(clientId, StandardCharsets.UTF_8);
		Answer answer = send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).GET());
		if (answer.status() == 404) {
			throw new PublisherException("publisher-service has no fake data endpoint: "
					+ "start it with WARREN_TEST_MODE=true (./warren does) to use --fake");
		}
		if (answer.status() != 202) {
			throw refusal("fake data request", answer);
		}
		return answer.body().path("published").asInt();
	}

	private Answer post(String path, Object body) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, application/problem+json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
	}

	private ClientSession session(Answer answer) {
		if (answer.status() != 200 && answer.status() != 201) {
			throw refusal("registration", answer);
		}
		JsonNode body = answer.body();
		return new ClientSession(body.path("clientId").asString(), body.path("token").asString(),
				body.path("tokenExpiresAt").asString(), body.path("socketUrl").asString(null));
	}

	private Answer send(HttpRequest.Builder request) {
		URI uri = request.build().uri();
		try {
			HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), parse(response.body()));
		}
		catch (IOException ex) {
			throw new PublisherException("cannot reach publisher-service at " + uri + ": " + describe(ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PublisherException("interrupted while calling " + uri);
		}
	}

	private static String describe(IOException ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	private static JsonNode parse(String body) {
		if (body == null || body.isBlank()) {
			return json.missingNode();
		}
		try {
			return json.readTree(body);
		}
		catch (JacksonException ex) {
			return json.missingNode();
		}
	}

	private static PublisherException refusal(String what, Answer answer) {
		String detail = answer.body().path("detail").asString(null);
		return new PublisherException(what + " refused with HTTP " + answer.status()
				+ ((detail != null) ? ": " + detail : "") + describeErrors(answer.body().path("errors")));
	}

	private static String describeErrors(JsonNode errors) {
		if (!errors.isObject() || errors.isEmpty()) {
			return "";
		}
		StringBuilder text = new StringBuilder(" (");
		errors.properties().forEach((entry) -> {
			if (text.length() > 2) {
				text.append(", ");
			}
			text.append(entry.getKey()).append(": ").append(entry.getValue().asString());
		});
		return text.append(')').toString();
	}

	private record Answer(int status, JsonNode body) {
	}

}
