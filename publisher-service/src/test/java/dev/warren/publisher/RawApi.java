package dev.warren.publisher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP API called with exactly the headers a test gives (no admin token added), over
 * the JDK's client.
 */
public final class RawApi {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	private final int port;

	public RawApi(int port) {
		this.port = port;
	}

	/**
	 * Sends a request.
	 * @param method the method
	 * @param path the path and query
	 * @param contentType the body's type, or {@code null} for none
	 * @param body the body, or {@code null} for none
	 * @param bearer the bearer token, or {@code null} for none
	 * @param headers more headers, name and value in turn
	 * @return the answer
	 */
	public HttpResponse<String> send(String method, String path, String contentType, byte[] body, String bearer,
			String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofByteArray(body)
					: HttpRequest.BodyPublishers.noBody());
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Sends JSON.
	 * @param method the method
	 * @param path the path
	 * @param body the JSON text, or {@code null} for none
	 * @param bearer the bearer token, or {@code null} for none
	 * @return the answer
	 */
	public HttpResponse<String> sendJson(String method, String path, String body, String bearer) {
		return send(method, path, (body != null) ? "application/json" : null,
				(body != null) ? body.getBytes(java.nio.charset.StandardCharsets.UTF_8) : null, bearer);
	}

	/**
	 * Creates an API key with the admin token.
	 * @param adminToken the admin token
	 * @param name the key's name
	 * @param scopes its scopes
	 * @return the created key's view, with {@code key}
	 */
	public JsonNode createKey(String adminToken, String name, String... scopes) {
		HttpResponse<String> response = sendJson("POST", "/v1/api-keys",
				json.writeValueAsString(Map.of("name", name, "scopes", List.of(scopes))), adminToken);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json.readTree(response.body());
	}

	/**
	 * Asserts an answer is a problem with {@code status}.
	 * @param response the answer
	 * @param status the expected status
	 * @param what what was tried, for the message
	 * @return the problem
	 */
	public static JsonNode assertProblem(HttpResponse<String> response, int status, String what) {
		assertThat(response.statusCode()).as("%s: %s", what, response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).as(what)
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.path("status").asInt()).as(what).isEqualTo(status);
		return problem;
	}

	public static JsonNode json(String text) {
		return json.readTree(text);
	}

}
