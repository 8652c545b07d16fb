package dev.warren.subclient.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

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
		return session("registration",
				post("/v1/create-channel-client", Map.of("name", name, "email", email, "password", password)));
	}

	/**
	 * Logs in.
	 * @param email email
	 * @param password password
	 * @return the session
	 * @throws PublisherException when publisher-service refuses or cannot be reached
	 */
	public ClientSession login(String email, String password) {
		return session("login", post("/v1/auth/token", Map.of("email", email, "password", password)));
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
		Answer answer = send(HttpRequest.newBuilder(uri(path)).GET());
		if (answer.status() == 404) {
			throw new PublisherException("publisher-service has no fake data endpoint: "
					+ "start it with WARREN_TEST_MODE=true (./warren does) to use --fake");
		}
		if (answer.status() != 202) {
			throw refusal("fake data request", answer);
		}
		return answer.body().path("published").asInt();
	}

	/**
	 * Makes sure the default rabbit channel (queue {@code warren.ingest} bound to the
	 * ingest exchange) exists and is consumed, so messages published there travel on.
	 * @param adminToken publisher-service's admin token, or {@code null} to try without
	 * @throws PublisherException when refused or unreachable
	 */
	public void ensureDefaultChannel(String adminToken) {
		Answer answer = send(adminGet("/v1/create-rabbit-ch", adminToken));
		if (answer.status() != 200) {
			throw refusal("rabbit channel set-up", answer);
		}
	}

	/**
	 * The live socket nodes that announce where clients reach them
	 * ({@code GET /v1/nodes}).
	 * @param adminToken publisher-service's admin token
	 * @return the nodes, in the registry's order
	 * @throws PublisherException when refused or unreachable
	 */
	public List<LiveNode> nodes(String adminToken) {
		Answer answer = send(adminGet("/v1/nodes", adminToken));
		if (answer.status() != 200) {
			throw refusal("node list", answer);
		}
		List<LiveNode> nodes = new ArrayList<>();
		for (JsonNode node : answer.body()) {
			String url = text(node, "url");
			if (url != null) {
				nodes.add(new LiveNode(text(node, "node"), url, node.path("connections").asInt()));
			}
		}
		return nodes;
	}

	/** A GET with the admin token, or without a credential when there is none. */
	private HttpRequest.Builder adminGet(String path, String adminToken) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
		if (adminToken != null && !adminToken.isBlank()) {
			request.header("Authorization", "Bearer " + adminToken);
		}
		return request;
	}

	private Answer post(String path, Object body) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, application/problem+json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
	}

	private ClientSession session(String what, Answer answer) {
		if (answer.status() != 200 && answer.status() != 201) {
			throw refusal(what, answer);
		}
		JsonNode body = answer.body();
		String clientId = text(body, "clientId");
		String token = text(body, "token");
		if (clientId == null || token == null) {
			throw new PublisherException(what + " answered HTTP " + answer.status() + " without clientId and token");
		}
		return new ClientSession(clientId, token, text(body, "tokenExpiresAt"), text(body, "socketUrl"));
	}

	private static String text(JsonNode body, String field) {
		JsonNode value = body.path(field);
		return (value.isString() && !value.asString().isBlank()) ? value.asString() : null;
	}

	private Answer send(HttpRequest.Builder request) {
		HttpRequest built = request.timeout(REQUEST_TIMEOUT).build();
		try {
			HttpResponse<String> response = this.http.send(built, HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), parse(response.body()));
		}
		catch (IOException ex) {
			throw new PublisherException("cannot reach publisher-service at " + built.uri() + ": " + describe(ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PublisherException("interrupted while calling " + built.uri());
		}
	}

	private static String describe(IOException ex) {
		if (ex instanceof ConnectException) {
			return "connection refused or unreachable (is it running?)";
		}
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	private URI uri(String path) {
		URI uri;
		try {
			uri = URI.create(this.baseUrl + path);
		}
		catch (IllegalArgumentException ex) {
			throw new PublisherException("invalid publisher URL '" + this.baseUrl + "': " + ex.getMessage());
		}
		if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
			throw new PublisherException("invalid publisher URL '" + this.baseUrl + "': expected http:// or https://");
		}
		return uri;
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
		String detail = text(answer.body(), "detail");
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
