package dev.warren.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The publisher's HTTP API as a client calls it.
 */
final class PublisherApi {

	private static final ObjectMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	private final String adminToken;

	/**
	 * A client of publisher-service's API.
	 * @param baseUrl where it listens
	 * @param adminToken its admin token, sent with every request
	 */
	PublisherApi(String baseUrl, String adminToken) {
		this.baseUrl = baseUrl;
		this.adminToken = adminToken;
	}

	Registered register(String name, String email, String password) {
		Response response = post("/v1/create-channel-client",
				Map.of("name", name, "email", email, "password", password));
		if (response.status() != 201 && response.status() != 200) {
			throw new IllegalStateException("registration answered " + response.status() + ": " + response.body());
		}
		return new Registered(response.body().get("clientId").asString(), response.body().get("token").asString(),
				response.body().get("socketUrl").asString());
	}

	Response get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).GET());
	}

	Response post(String path, Object body) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
	}

	/**
	 * POSTs a raw body.
	 * @param path the path
	 * @param contentType the body's type
	 * @param body the body
	 * @param headers more headers, name and value in turn
	 * @return the answer
	 */
	Response post(String path, String contentType, byte[] body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request);
	}

	Response put(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).PUT(HttpRequest.BodyPublishers.noBody()));
	}

	Response delete(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).DELETE());
	}

	private Response send(HttpRequest.Builder request) {
		request.header("Authorization", "Bearer " + this.adminToken);
		try {
			HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			JsonNode body = response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
			return new Response(response.statusCode(), body);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Registered(String clientId, String token, String socketUrl) {
	}

	record Response(int status, JsonNode body) {
	}

}
