package dev.warren.socket.support;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.common.WarrenNames;
import dev.warren.common.token.HmacTokens;
import dev.warren.socket.edge.EdgeServer;
import dev.warren.testsupport.RawHttp;
import dev.warren.testsupport.RealServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the integration tests: the application on a random port against the real
 * RabbitMQ with this run's exchange names; Spring's STOMP client as the client and a
 * {@link RabbitTemplate} publishing straight to the deliveries exchange as the producer.
 * All subclasses share one application context.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
public abstract class SocketServerIntegrationTest {

	/** The JWT secret of the test runs. */
	protected static final String SECRET = "integration-test-secret-of-more-than-32-bytes";

	private static final int CLIENT_BUFFER_SIZE = 256 * 1024;

	@LocalServerPort
	protected int port;

	@Autowired
	protected RabbitTemplate rabbit;

	@Autowired
	protected WarrenAmqpProperties amqp;

	/** The node's Netty edge; {@code null} where a subclass switches it off. */
	@Autowired(required = false)
	protected EdgeServer edge;

	protected final HmacTokens tokens = new HmacTokens(SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());

	private final List<StompProbe> probes = new ArrayList<>();

	private ThreadPoolTaskScheduler scheduler;

	private WebSocketStompClient stomp;

	@DynamicPropertySource
	static void realServices(DynamicPropertyRegistry registry) {
		RealServices.registerRabbit(registry);
		registry.add("warren.jwt.secret", () -> SECRET);
		// Both ways in on every test node (the edge by default): the servlet container's
		// /ws and the Netty edge's, on a free port.
		registry.add("warren.socket.edge.port", () -> "0");
		// A connection without a token is refused sooner than the default 10 s.
		registry.add("warren.socket.connect-timeout", () -> "2s");
		registry.add("warren.socket.edge.upgrade-timeout", () -> "2s");
	}

	/**
	 * Whether the test's clients connect to the Netty edge instead of the servlet
	 * container's {@code /ws}; subclasses that run the same tests on the edge say so.
	 * @return {@code true} for the edge
	 */
	protected boolean onEdge() {
		return false;
	}

	/**
	 * The port the test's WebSocket clients connect to.
	 * @return the edge's or the servlet container's port
	 */
	protected int webSocketPort() {
		return onEdge() ? this.edge.port() : this.port;
	}

	@BeforeEach
	void startClient() {
		this.scheduler = new ThreadPoolTaskScheduler();
		this.scheduler.setPoolSize(2);
		this.scheduler.setThreadNamePrefix("test-stomp-");
		this.scheduler.initialize();
		// The node shrinks Tomcat's JVM-wide WebSocket buffers, which this in-process
		// client shares: give it room for the large messages some tests receive.
		WebSocketContainer container = ContainerProvider.getWebSocketContainer();
		container.setDefaultMaxTextMessageBufferSize(CLIENT_BUFFER_SIZE);
		container.setDefaultMaxBinaryMessageBufferSize(CLIENT_BUFFER_SIZE);
		this.stomp = new WebSocketStompClient(new StandardWebSocketClient(container));
		this.stomp.setTaskScheduler(this.scheduler);
	}

	@AfterEach
	void stopClient() {
		for (StompProbe probe : this.probes) {
			if (probe.isConnected() && probe.session().isConnected()) {
				probe.session().disconnect();
			}
		}
		this.scheduler.shutdown();
	}

	/**
	 * A fresh client id.
	 * @return the id
	 */
	protected static String newClientId() {
		return "c-" + UUID.randomUUID().toString().substring(0, 12);
	}

	/**
	 * A valid token.
	 * @param clientId its subject
	 * @return the compact JWT
	 */
	protected String token(String clientId) {
		return this.tokens.issue(clientId, Duration.ofMinutes(10)).value();
	}

	/**
	 * Connects with {@code Authorization: Bearer <token>} and waits for CONNECTED.
	 * @param clientId the client
	 * @return the connected probe
	 */
	protected StompProbe connected(String clientId) {
		StompProbe probe = connect(bearer(token(clientId)));
		probe.session();
		if (onEdge()) {
			assertThat(this.edge.size()).as("sessions on the edge").isPositive();
		}
		return probe;
	}

	/**
	 * Starts a connection with the given CONNECT headers; does not wait.
	 * @param connectHeaders the CONNECT headers
	 * @return the probe
	 */
	protected StompProbe connect(StompHeaders connectHeaders) {
		StompProbe probe = new StompProbe();
		this.probes.add(probe);
		this.stomp.connectAsync("ws://127.0.0.1:" + webSocketPort() + "/ws", new WebSocketHttpHeaders(), connectHeaders,
				probe);
		return probe;
	}

	protected static StompHeaders bearer(String token) {
		StompHeaders headers = new StompHeaders();
		headers.add("Authorization", "Bearer " + token);
		return headers;
	}

	/**
	 * Publishes as publisher-service does.
	 * @param routingKey {@code client.<id>}, {@code topic.<name>} or {@code broadcast}
	 * @param body the body
	 * @param id the {@code warren-id}
	 */
	protected void publish(String routingKey, String body, String id) {
		publish(routingKey, body.getBytes(StandardCharsets.UTF_8), "application/json", id);
	}

	protected void publish(String routingKey, byte[] body, String contentType, String id) {
		publish(this.rabbit, routingKey, body, contentType, id);
	}

	/**
	 * Publishes through {@code operations}, e.g. inside {@code RabbitTemplate.invoke} to
	 * keep one channel and thus the order.
	 * @param operations the template or the scoped operations
	 * @param routingKey the key
	 * @param body the body as text
	 * @param id the {@code warren-id}
	 */
	protected void publish(RabbitOperations operations, String routingKey, String body, String id) {
		publish(operations, routingKey, body.getBytes(StandardCharsets.UTF_8), "application/json", id);
	}

	private void publish(RabbitOperations operations, String routingKey, byte[] body, String contentType, String id) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(contentType);
		properties.setHeader(WarrenNames.ID_HEADER, id);
		properties.setHeader(WarrenNames.PUBLISHED_AT_HEADER, System.currentTimeMillis());
		properties.setHeader(WarrenNames.DESTINATION_HEADER, "n/a");
		operations.send(this.amqp.deliveriesExchange(), routingKey, new Message(body, properties));
	}

	/**
	 * Opens a raw WebSocket handshake to {@code /ws}.
	 * @param headers extra request headers
	 * @return the connection
	 * @throws Exception on I/O failure
	 */
	protected RawWebSocket rawHandshake(String path, Map<String, String> headers) throws Exception {
		return RawWebSocket.open(webSocketPort(), path, headers);
	}

	/**
	 * Sends every one of {@link RawHttp#HOSTILE_REQUESTS} and asserts each is answered
	 * with a client-error problem.
	 * @param port the port to send them to
	 */
	protected static void assertHostileRequestsAreAnsweredWithProblems(int port) {
		for (String request : RawHttp.HOSTILE_REQUESTS) {
			RawHttp.Answer answer = RawHttp.exchange(port, request);
			assertThat(answer.isClientErrorProblem())
				.as("%s answered %s%n%s", request.substring(0, Math.min(60, request.length())), answer.head(),
						answer.body())
				.isTrue();
		}
	}

	protected static Duration timeout() {
		return Duration.ofSeconds(15);
	}

}
