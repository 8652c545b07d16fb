package dev.warren.e2e.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.warren.common.token.HmacTokens;
import dev.warren.e2e.WarrenProcess;
import dev.warren.testsupport.RealServices;
import dev.warren.testsupport.TcpProxy;

/**
 * Warren as an operator runs it, on the fault suite's own RabbitMQ node:
 * publisher-service (its database behind a TCP proxy the suite can cut) and two socket
 * nodes, each started from its jar. Ports stay the same when a process is started again,
 * as behind a load balancer.
 */
final class FaultCluster implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String secret = "faults-" + UUID.randomUUID() + "-" + UUID.randomUUID();

	private final String adminToken = "faults-admin-" + UUID.randomUUID() + "-" + UUID.randomUUID();

	private final FaultBroker broker;

	private final TcpProxy database;

	private final String databaseUrl;

	private final Path workDir;

	private final int publisherPort = WarrenProcess.freePort();

	private final int[] nodePorts = { WarrenProcess.freePort(), WarrenProcess.freePort() };

	private final int[] edgePorts = { WarrenProcess.freePort(), WarrenProcess.freePort() };

	private final WarrenProcess[] nodes = new WarrenProcess[2];

	private final HmacTokens tokens;

	private WarrenProcess publisher;

	private int starts;

	private FaultCluster(FaultBroker broker, Path workDir) throws IOException {
		this.broker = broker;
		this.workDir = workDir;
		URI url = URI.create(RealServices.database().url().substring("jdbc:".length()));
		this.database = TcpProxy.start(url.getHost(), url.getPort());
		this.databaseUrl = "jdbc:" + url.getScheme() + "://127.0.0.1:" + this.database.port() + url.getRawPath()
				+ ((url.getRawQuery() != null) ? "?" + url.getRawQuery() : "");
		this.tokens = new HmacTokens(this.secret.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
	}

	/**
	 * Starts publisher-service and both nodes, and has publisher-service consume
	 * {@code warren.ingest}.
	 * @param broker the suite's RabbitMQ node
	 * @param workDir where the processes' data goes
	 * @return the running cluster
	 */
	static FaultCluster start(FaultBroker broker, Path workDir) {
		try {
			FaultCluster cluster = new FaultCluster(broker, workDir);
			cluster.startPublisher();
			cluster.startNode(0);
			cluster.startNode(1);
			HttpResponse<String> channel = cluster.get("/v1/create-rabbit-ch");
			if (channel.statusCode() != 200) {
				throw new IllegalStateException("/v1/create-rabbit-ch answered " + channel.statusCode());
			}
			return cluster;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void startPublisher() {
		Map<String, String> env = new HashMap<>(this.broker.environment());
		env.put("WARREN_JWT_SECRET", this.secret);
		env.put("WARREN_ADMIN_TOKEN", this.adminToken);
		env.put("SPRING_DATASOURCE_URL", this.databaseUrl);
		env.put("SPRING_DATASOURCE_USERNAME", RealServices.database().username());
		env.put("SPRING_DATASOURCE_PASSWORD", RealServices.database().password());
		this.publisher = WarrenProcess.start("faults-publisher-" + (++this.starts), "warren.publisher.jar",
				this.workDir.resolve("publisher"), env,
				// The database scenario registers a client every second from one address.
				List.of("--warren.throttle.per-address=100000"), this.publisherPort);
	}

	/** Kills publisher-service at once (SIGKILL). */
	void killPublisher() {
		this.publisher.kill();
	}

	/**
	 * Starts node {@code index} (again) on its ports.
	 * @param index 0 or 1
	 */
	void startNode(int index) {
		Map<String, String> env = new HashMap<>(this.broker.environment());
		env.put("WARREN_JWT_SECRET", this.secret);
		env.put("WARREN_SOCKET_EDGE_PORT", Integer.toString(this.edgePorts[index]));
		this.nodes[index] = WarrenProcess.start("faults-node-" + index + "-" + (++this.starts), "warren.socket.jar",
				this.workDir.resolve("node-" + index), env, List.of(), this.nodePorts[index]);
	}

	WarrenProcess node(int index) {
		return this.nodes[index];
	}

	/**
	 * The nodes' STOMP URLs, node {@code first} first: where a client goes, and where it
	 * goes next when that one is gone.
	 * @param first the node it starts on
	 * @return the URLs
	 */
	List<String> urls(int first) {
		List<String> urls = new ArrayList<>();
		for (int i = 0; i < this.edgePorts.length; i++) {
			urls.add("ws://127.0.0.1:" + this.edgePorts[(first + i) % this.edgePorts.length] + "/ws");
		}
		return urls;
	}

	String token(String clientId) {
		return this.tokens.issue(clientId, Duration.ofHours(1)).value();
	}

	TcpProxy database() {
		return this.database;
	}

	String publisherUrl() {
		return "http://127.0.0.1:" + this.publisherPort;
	}

	HttpResponse<String> get(String path) throws IOException {
		return send(HttpRequest.newBuilder(URI.create(publisherUrl() + path))
			.header("Authorization", "Bearer " + this.adminToken)
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build());
	}

	static HttpResponse<String> send(HttpRequest request) throws IOException {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	@Override
	public void close() throws IOException {
		for (WarrenProcess node : this.nodes) {
			if (node != null) {
				node.close();
			}
		}
		if (this.publisher != null) {
			this.publisher.close();
		}
		this.database.close();
	}

}
