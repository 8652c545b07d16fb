package dev.warren.deploy;

import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.common.token.HmacTokens;
import dev.warren.testsupport.RealServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose load balancer's nginx configuration, run by a real nginx in front of a real
 * socket-server node: a STOMP client connects through it to {@code /ws} (the upgrade
 * passes), its own health answers, and Actuator stays hidden.
 */
class LoadBalancerTest {

	private static final String SECRET = "lb-" + UUID.randomUUID() + "-" + UUID.randomUUID();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aStompClientConnectsThroughTheLoadBalancer(@TempDir Path work) throws Exception {
		int nodePort = freePort();
		Process node = startSocketNode(work, nodePort);
		int lbPort = freePort();
		Process nginx = null;
		try {
			awaitOk(node, URI.create("http://127.0.0.1:" + nodePort + "/actuator/health/readiness"),
					work.resolve("node.log"));
			nginx = startNginx(work, lbPort, nodePort);
			awaitOk(nginx, URI.create("http://127.0.0.1:" + lbPort + "/lb-health"), work.resolve("nginx.log"));

			assertThat(get("http://127.0.0.1:" + lbPort + "/actuator/health").statusCode()).isEqualTo(404);

			String token = new HmacTokens(SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC())
				.issue("lb-client-" + UUID.randomUUID(), Duration.ofMinutes(5))
				.value();
			BlockingQueue<String> frames = new LinkedBlockingQueue<>();
			WebSocket socket = this.http.newWebSocketBuilder()
				.subprotocols("v12.stomp")
				.buildAsync(URI.create("ws://127.0.0.1:" + lbPort + "/ws"), new Frames(frames))
				.get(10, TimeUnit.SECONDS);
			assertThat(socket.getSubprotocol()).isEqualTo("v12.stomp");
			socket.sendText("CONNECT\naccept-version:1.2\nheart-beat:0,0\nAuthorization:Bearer " + token + "\n\n\0",
					true);
			assertThat(frames.poll(10, TimeUnit.SECONDS)).startsWith("CONNECTED");
			socket.sendText("SUBSCRIBE\nid:0\ndestination:/topic/lb\nreceipt:r0\n\n\0", true);
			assertThat(frames.poll(10, TimeUnit.SECONDS)).startsWith("RECEIPT");
			socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
		}
		finally {
			if (nginx != null) {
				nginx.destroy();
				nginx.waitFor(10, TimeUnit.SECONDS);
			}
			node.destroy();
			node.waitFor(40, TimeUnit.SECONDS);
		}
	}

	private static Process startSocketNode(Path work, int port) throws IOException {
		RealServices.RabbitEndpoint rabbit = RealServices.rabbit();
		WarrenAmqpProperties names = RealServices.amqpNames();
		ProcessBuilder builder = new ProcessBuilder(java(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
				Project.execJar("socket-server").toString())
			.directory(work.toFile())
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("node.log").toFile());
		builder.environment().keySet().removeIf((key) -> key.startsWith("SPRING_") || key.startsWith("WARREN_"));
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		builder.environment().put("SPRING_RABBITMQ_HOST", rabbit.host());
		builder.environment().put("SPRING_RABBITMQ_PORT", Integer.toString(rabbit.port()));
		builder.environment().put("SPRING_RABBITMQ_USERNAME", rabbit.username());
		builder.environment().put("SPRING_RABBITMQ_PASSWORD", rabbit.password());
		builder.environment().put("WARREN_JWT_SECRET", SECRET);
		builder.environment().put("WARREN_AMQP_DELIVERIES_EXCHANGE", names.deliveriesExchange());
		builder.environment().put("WARREN_AMQP_NODE_QUEUE_PREFIX", names.nodeQueuePrefix());
		return builder.start();
	}

	/**
	 * The committed configuration, with compose's host names and port mapped onto this
	 * machine.
	 */
	private static Process startNginx(Path work, int port, int nodePort) throws IOException {
		String config = Project.read("deploy/nginx/nginx.conf")
			.replace("listen 8000;", "listen 127.0.0.1:" + port + ";")
			.replaceAll("server (socket-a|socket-b):\\d+;", "server 127.0.0.1:" + nodePort + ";")
			// No publisher-service here: the HTTP API's upstream points at a closed port.
			.replaceAll("server publisher-service:\\d+;", "server 127.0.0.1:9;");
		Path nginxDir = Files.createDirectories(work.resolve("nginx"));
		Files.createDirectories(nginxDir.resolve("logs"));
		Path file = Files.writeString(nginxDir.resolve("nginx.conf"), config);
		String nginx = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
		return new ProcessBuilder(nginx, "-p", nginxDir.toString(), "-c", file.toString(), "-g", "daemon off; pid "
				+ nginxDir.resolve("nginx.pid") + "; error_log " + nginxDir.resolve("logs/error.log") + ";")
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("nginx.log").toFile())
			.start();
	}

	private HttpResponse<String> get(String url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private void awaitOk(Process process, URI uri, Path log) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new AssertionError(
						uri + ": process exited with " + process.exitValue() + ":\n" + Files.readString(log));
			}
			try {
				if (this.http
					.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
							HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new AssertionError(uri + " did not answer 200 within 90 s:\n" + Files.readString(log));
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** Collects whole text messages (STOMP frames). */
	private record Frames(BlockingQueue<String> frames, StringBuilder partial) implements WebSocket.Listener {

		Frames(BlockingQueue<String> frames) {
			this(frames, new StringBuilder());
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				if (!this.partial.toString().isBlank()) {
					this.frames.add(this.partial.toString());
				}
				this.partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

	}

}
