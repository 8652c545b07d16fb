package dev.warren.deploy;

import java.io.IOException;
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
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.warren.common.token.HmacTokens;
import dev.warren.testsupport.RealServices;
import dev.warren.testsupport.StompFrameListener;
import dev.warren.testsupport.TopicRulesResponder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose load balancer's nginx configuration, run by a real nginx in front of a real
 * socket-server node: a STOMP client connects through it to {@code /ws} (the upgrade
 * passes, to the node's Netty edge), SockJS reaches the node's servlet port, its own
 * health answers, and Actuator stays hidden.
 */
class LoadBalancerTest {

	private static final String SECRET = "lb-" + UUID.randomUUID() + "-" + UUID.randomUUID();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aStompClientConnectsThroughTheLoadBalancer(@TempDir Path work) throws Exception {
		int nodePort = Processes.freePort();
		int edgePort = Processes.freePort();
		// No publisher-service here: something must answer the node's request for the
		// topic rules, which its readiness waits for.
		TopicRulesResponder rules = TopicRulesResponder.start();
		Process node = startSocketNode(work, nodePort, edgePort);
		int lbPort = Processes.freePort();
		Process nginx = null;
		try {
			Processes.awaitOk(node, URI.create("http://127.0.0.1:" + nodePort + "/actuator/health/readiness"),
					work.resolve("node.log"));
			nginx = startNginx(work, lbPort, nodePort, edgePort);
			Processes.awaitOk(nginx, URI.create("http://127.0.0.1:" + lbPort + "/lb-health"),
					work.resolve("nginx.log"));

			assertThat(get("http://127.0.0.1:" + lbPort + "/actuator/health").statusCode()).isEqualTo(404);
			HttpResponse<String> sockJsInfo = get("http://127.0.0.1:" + lbPort + "/sockjs/info");
			assertThat(sockJsInfo.statusCode()).as(sockJsInfo.body()).isEqualTo(200);
			assertThat(sockJsInfo.body()).contains("\"websocket\":true");

			String token = new HmacTokens(SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC())
				.issue("lb-client-" + UUID.randomUUID(), Duration.ofMinutes(5))
				.value();
			StompFrameListener client = new StompFrameListener();
			BlockingQueue<String> frames = client.frames();
			WebSocket socket = this.http.newWebSocketBuilder()
				.subprotocols("v12.stomp")
				.buildAsync(URI.create("ws://127.0.0.1:" + lbPort + "/ws"), client)
				.get(10, TimeUnit.SECONDS);
			assertThat(socket.getSubprotocol()).isEqualTo("v12.stomp");
			socket.sendText("CONNECT\naccept-version:1.2\nheart-beat:0,0\nAuthorization:Bearer " + token + "\n\n\0",
					true);
			assertThat(frames.poll(10, TimeUnit.SECONDS)).startsWith("CONNECTED");
			socket.sendText("SUBSCRIBE\nid:0\ndestination:/topic/lb\nreceipt:r0\n\n\0", true);
			assertThat(frames.poll(10, TimeUnit.SECONDS)).startsWith("RECEIPT");
			socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);

			// The plain-JSON protocol travels the same balancer to the same edge.
			StompFrameListener jsonClient = new StompFrameListener();
			WebSocket json = this.http.newWebSocketBuilder()
				.header("Authorization", "Bearer " + token)
				.buildAsync(URI.create("ws://127.0.0.1:" + lbPort + "/ws/json"), jsonClient)
				.get(10, TimeUnit.SECONDS);
			assertThat(jsonClient.frames().poll(10, TimeUnit.SECONDS)).startsWith("{\"type\":\"connected\"");
			json.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
		}
		finally {
			if (nginx != null) {
				nginx.destroy();
				nginx.waitFor(10, TimeUnit.SECONDS);
			}
			node.destroy();
			node.waitFor(40, TimeUnit.SECONDS);
			rules.close();
		}
	}

	private static Process startSocketNode(Path work, int port, int edgePort) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(Processes.java(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
				Project.execJar("socket-server").toString())
			.directory(work.toFile())
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("node.log").toFile());
		builder.environment().keySet().removeIf((key) -> key.startsWith("SPRING_") || key.startsWith("WARREN_"));
		builder.environment().putAll(RealServices.rabbitEnvironment());
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		builder.environment().put("WARREN_SOCKET_EDGE_PORT", Integer.toString(edgePort));
		builder.environment().put("WARREN_JWT_SECRET", SECRET);
		return builder.start();
	}

	/**
	 * The committed configuration, with compose's host names and port mapped onto this
	 * machine.
	 */
	private static Process startNginx(Path work, int port, int nodePort, int edgePort) throws IOException {
		String config = Project.read("deploy/nginx/nginx.conf")
			.replace("listen 8000;", "listen 127.0.0.1:" + port + ";")
			.replaceAll("server (socket-a|socket-b):8091;", "server 127.0.0.1:" + edgePort + ";")
			.replaceAll("server (socket-a|socket-b):8081;", "server 127.0.0.1:" + nodePort + ";")
			// No publisher-service here: the HTTP API's upstream points at a closed port.
			.replaceAll("server publisher-service:\\d+;", "server 127.0.0.1:9;");
		Path nginxDir = Files.createDirectories(work.resolve("nginx"));
		Files.createDirectories(nginxDir.resolve("logs"));
		Path file = Files.writeString(nginxDir.resolve("nginx.conf"), config);
		return new ProcessBuilder(Processes.nginx(), "-p", nginxDir.toString(), "-c", file.toString(), "-g",
				"daemon off; pid " + nginxDir.resolve("nginx.pid") + "; error_log " + nginxDir.resolve("logs/error.log")
						+ ";")
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("nginx.log").toFile())
			.start();
	}

	private HttpResponse<String> get(String url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
