package dev.warren.publisher.outage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.warren.publisher.IntegrationTestSupport;
import dev.warren.publisher.RawApi;
import dev.warren.testsupport.RealServices;
import dev.warren.testsupport.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database cut off behind a proxy while publisher-service runs: what needs it answers
 * a 503 problem with {@code Retry-After} at once (not after Hikari's default 30 s),
 * readiness says so, what does not need it (the admin token, publishing over AMQP) goes
 * on, and all of it recovers by itself when the database is back.
 */
class DatabaseOutageIntegrationTests extends IntegrationTestSupport {

	private static TcpProxy proxy;

	@LocalServerPort
	int port;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@DynamicPropertySource
	static void throughTheProxy(DynamicPropertyRegistry registry) throws Exception {
		URI database = URI.create(RealServices.database().url().substring("jdbc:".length()));
		proxy = TcpProxy.start(database.getHost(), database.getPort());
		// Over the base class's spring.datasource.url: Hikari's own setting is bound
		// last.
		registry.add("spring.datasource.hikari.jdbc-url",
				() -> "jdbc:" + database.getScheme() + "://127.0.0.1:" + proxy.port() + database.getRawPath()
						+ ((database.getRawQuery() != null) ? "?" + database.getRawQuery() : ""));
	}

	@AfterAll
	static void closeProxy() throws Exception {
		proxy.close();
	}

	@Test
	void whatNeedsTheDatabaseAnswers503AtOnceAndRecoversByItself() throws Exception {
		assertThat(register().statusCode()).isEqualTo(201);
		proxy.cut();
		try {
			for (int attempt = 0; attempt < 3; attempt++) {
				long started = System.nanoTime();
				HttpResponse<String> refused = register();
				Duration took = Duration.ofNanos(System.nanoTime() - started);
				assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
				assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
				assertThat(refused.headers().firstValue("Retry-After")).isPresent();
				assertThat(refused.body()).contains("database").doesNotContain("Exception").doesNotContain("at ");
				// Not a speed figure: Hikari's default would hold the request for 30 s.
				assertThat(took).isLessThan(Duration.ofSeconds(10));
				System.out.printf("database cut: registration answered %d in %d ms%n", refused.statusCode(),
						took.toMillis());
			}
			HttpResponse<String> key = get("/v1/api-keys", ADMIN_TOKEN);
			assertThat(key.statusCode()).as(key.body()).isEqualTo(503);
			HttpResponse<String> unknownKey = get("/v1/api-keys", "wk_" + "A".repeat(43));
			assertThat(unknownKey.statusCode()).as("an API key cannot be looked up").isEqualTo(503);
			assertThat(unknownKey.headers().firstValue("Retry-After")).isPresent();
			long asked = System.nanoTime();
			HttpResponse<String> readiness = get("/actuator/health/readiness", null);
			System.out.printf("database cut: readiness answered %d in %d ms%n", readiness.statusCode(),
					Duration.ofNanos(System.nanoTime() - asked).toMillis());
			assertThat(readiness.statusCode()).isEqualTo(503);
			assertThat(readiness.body()).contains("\"db\":{\"status\":\"DOWN\"");

		}
		finally {
			proxy.restore();
		}
		long restored = System.nanoTime();
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> register().statusCode() == 201);
		System.out.printf("database back: registration answered 201 after %d ms%n",
				Duration.ofNanos(System.nanoTime() - restored).toMillis());
		assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> register() throws Exception {
		String email = "outage-" + UUID.randomUUID() + "@example.test";
		return new RawApi(this.port).sendJson("POST", "/v1/create-channel-client",
				"{\"name\":\"Outage\",\"email\":\"" + email + "\",\"password\":\"password-outage\"}", null);
	}

	private HttpResponse<String> get(String path, String bearer) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(20));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
