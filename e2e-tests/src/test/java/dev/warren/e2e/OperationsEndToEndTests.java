package dev.warren.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.warren.common.token.HmacTokens;
import dev.warren.testsupport.StompFrameListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator relies on, on freshly started services: every {@code warren.*} series
 * is exported at zero before any traffic (and every one the Grafana dashboard plots
 * exists), the probes answer, and a socket node that is stopped drains: its clients see
 * their sessions closed with 1012, the close code that says "reconnect".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsEndToEndTests {

	private static final String SECRET = "ops-" + UUID.randomUUID() + "-" + UUID.randomUUID();

	private static final Pattern SERIES = Pattern.compile("(?m)^(warren_[a-z_]+)(\\{[^}]*\\})? (\\S+)$");

	private static final Pattern DASHBOARD_METRIC = Pattern.compile("\\b(warren_[a-z_]+)");

	private final HttpClient http = HttpClient.newHttpClient();

	private WarrenProcess publisher;

	private WarrenProcess node;

	@BeforeAll
	void start(@TempDir Path workDir) {
		Map<String, String> env = ExternalMode.node(SECRET);
		Map<String, String> publisherEnv = ExternalMode.publisher(SECRET,
				"ops-admin-" + UUID.randomUUID() + "-" + UUID.randomUUID());
		this.publisher = WarrenProcess.start("ops-publisher", "warren.publisher.jar", workDir.resolve("publisher"),
				publisherEnv, List.of(), WarrenProcess.freePort());
		this.node = WarrenProcess.start("ops-socket", "warren.socket.jar", workDir.resolve("socket"), env, List.of(),
				WarrenProcess.freePort());
	}

	@AfterAll
	void stop() {
		if (this.node != null) {
			this.node.close();
		}
		if (this.publisher != null) {
			this.publisher.close();
		}
	}

	@Test
	@Order(1)
	void everyWarrenSeriesIsExportedAtZeroBeforeAnyTraffic() throws Exception {
		Map<String, String> publisherSeries = series(this.publisher);
		assertThat(publisherSeries).containsEntry("warren_ingest_messages_total", "0.0")
			.containsEntry("warren_ingest_requeued_total", "0.0")
			.containsEntry("warren_ingest_in_flight", "0.0")
			.containsEntry("warren_ingest_dead_lettered_total{reason=\"invalid-routing-key\"}", "0.0")
			.containsEntry("warren_ingest_dead_lettered_total{reason=\"body-too-large\"}", "0.0");
		Map<String, String> socketSeries = series(this.node);
		assertThat(socketSeries).containsEntry("warren_socket_connections", "0.0")
			.containsEntry("warren_socket_subscriptions", "0.0")
			.containsEntry("warren_socket_messages_delivered_total", "0.0")
			.containsEntry("warren_socket_messages_dropped_total{reason=\"invalid-routing-key\"}", "0.0")
			.containsEntry("warren_socket_messages_dropped_total{reason=\"slow-session\"}", "0.0")
			.containsEntry("warren_socket_slow_closed_total", "0.0")
			.containsEntry("warren_socket_auth_refused_total", "0.0")
			.containsEntry("warren_socket_delivery_latency_seconds_count", "0");
		assertThat(socketSeries.keySet())
			.anyMatch((name) -> name.startsWith("warren_socket_delivery_latency_seconds_bucket"));

		Set<String> exported = new TreeSet<>();
		publisherSeries.keySet().forEach((key) -> exported.add(key.replaceAll("\\{.*", "")));
		socketSeries.keySet().forEach((key) -> exported.add(key.replaceAll("\\{.*", "")));
		Set<String> plotted = new TreeSet<>();
		Matcher matcher = DASHBOARD_METRIC
			.matcher(Files.readString(Path.of("..", "helm", "warren", "dashboards", "warren.json")));
		while (matcher.find()) {
			plotted.add(matcher.group(1));
		}
		assertThat(plotted).as("warren series the Grafana dashboard plots").hasSizeGreaterThan(8);
		assertThat(exported).as("series the services export").containsAll(plotted);
	}

	@Test
	@Order(2)
	void probesAnswerOnBothServices() throws Exception {
		for (WarrenProcess service : List.of(this.publisher, this.node)) {
			for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
				HttpResponse<String> response = get(service.baseUrl() + probe);
				assertThat(response.statusCode()).as(service.baseUrl() + probe).isEqualTo(200);
				assertThat(response.body()).contains("\"UP\"");
			}
		}
		// Readiness follows the dependencies each service cannot work without.
		assertThat(get(this.publisher.baseUrl() + "/actuator/health/readiness").body()).contains("\"rabbit\"", "\"db\"",
				"\"readinessState\"");
		assertThat(get(this.node.baseUrl() + "/actuator/health/readiness").body()).contains("\"rabbit\"",
				"\"readinessState\"");
	}

	@Test
	@Order(3)
	void aStoppingNodeClosesItsSessionsWithAReconnectHint() throws Exception {
		String token = new HmacTokens(SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC())
			.issue("ops-client-" + UUID.randomUUID(), Duration.ofMinutes(5))
			.value();
		// One session on each way in: the Netty edge and the servlet container's /ws.
		StompFrameListener onEdge = subscribedClient(this.node.edgeUrl(), token);
		StompFrameListener onServlet = subscribedClient(this.node.webSocketUrl(), token);
		assertThat(series(this.node)).containsEntry("warren_socket_connections", "2.0")
			.containsEntry("warren_socket_subscriptions", "2.0");

		this.node.close();
		this.node = null;

		for (StompFrameListener client : List.of(onEdge, onServlet)) {
			StompFrameListener.Closed closed = client.closed().get(30, TimeUnit.SECONDS);
			assertThat(closed.code()).isEqualTo(1012);
			assertThat(closed.reason()).contains("reconnect");
		}
	}

	private StompFrameListener subscribedClient(String url, String token) throws Exception {
		StompFrameListener client = new StompFrameListener();
		WebSocket socket = this.http.newWebSocketBuilder()
			.subprotocols("v12.stomp")
			.buildAsync(URI.create(url), client)
			.get(10, TimeUnit.SECONDS);
		socket.sendText("CONNECT\naccept-version:1.2\nheart-beat:0,0\nAuthorization:Bearer " + token + "\n\n\0", true);
		assertThat(client.frames().poll(10, TimeUnit.SECONDS)).startsWith("CONNECTED");
		socket.sendText("SUBSCRIBE\nid:0\ndestination:/topic/ops\nreceipt:r0\n\n\0", true);
		assertThat(client.frames().poll(10, TimeUnit.SECONDS)).startsWith("RECEIPT");
		return client;
	}

	private Map<String, String> series(WarrenProcess service) throws Exception {
		HttpResponse<String> response = get(service.baseUrl() + "/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, String> series = new HashMap<>();
		Matcher matcher = SERIES.matcher(response.body());
		while (matcher.find()) {
			series.put(matcher.group(1) + ((matcher.group(2) != null) ? matcher.group(2) : ""), matcher.group(3));
		}
		return series;
	}

	private HttpResponse<String> get(String url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
