package dev.warren.e2e;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * A STOMP client built on Spring's {@link WebSocketStompClient} that records every
 * MESSAGE and ERROR it gets.
 */
final class StompProbe implements AutoCloseable {

	private static final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	static {
		scheduler.setPoolSize(2);
		scheduler.setDaemon(true);
		scheduler.setThreadNamePrefix("e2e-stomp-");
		scheduler.initialize();
	}

	private final List<Received> messages = new CopyOnWriteArrayList<>();

	private final List<String> errors = new CopyOnWriteArrayList<>();

	private final CompletableFuture<Throwable> closed = new CompletableFuture<>();

	private final WebSocketStompClient client;

	private final String name;

	private StompSession session;

	StompProbe(String name) {
		this.name = name;
		this.client = new WebSocketStompClient(new StandardWebSocketClient());
		this.client.setTaskScheduler(scheduler);
		this.client.setReceiptTimeLimit(15_000);
	}

	/**
	 * Connects with {@code Authorization: Bearer <token>} (no header when token is null).
	 * @param url the socket node's {@code /ws} URL
	 * @param token the token, or {@code null}
	 * @return the session, or a failed future when the server refuses
	 */
	CompletableFuture<StompSession> connect(String url, String token) {
		StompHeaders headers = new StompHeaders();
		if (token != null) {
			headers.add("Authorization", "Bearer " + token);
		}
		return this.client
			.connectAsync(url, (org.springframework.web.socket.WebSocketHttpHeaders) null, headers, new Handler())
			.thenApply((session) -> {
				session.setAutoReceipt(true);
				this.session = session;
				return session;
			});
	}

	StompProbe connected(String url, String token) {
		connect(url, token).orTimeout(20, TimeUnit.SECONDS).join();
		return this;
	}

	/**
	 * Subscribes and waits for the server's RECEIPT.
	 * @param destination the destination
	 * @return this probe
	 */
	StompProbe subscribe(String destination) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		return subscribe(headers);
	}

	/**
	 * Subscribes with more headers (such as {@code warren-since}) and waits for the
	 * RECEIPT.
	 * @param headers the SUBSCRIBE's headers, the destination among them
	 * @return this probe
	 */
	StompProbe subscribe(StompHeaders headers) {
		String destination = headers.getDestination();
		CompletableFuture<Void> receipt = new CompletableFuture<>();
		StompSession.Subscription subscription = this.session.subscribe(headers, new Frames(destination));
		subscription.addReceiptTask(() -> receipt.complete(null));
		subscription.addReceiptLostTask(
				() -> receipt.completeExceptionally(new IllegalStateException("no RECEIPT for " + destination)));
		receipt.orTimeout(20, TimeUnit.SECONDS).join();
		return this;
	}

	/**
	 * Subscribes without waiting for anything.
	 * @param destination the destination
	 */
	void subscribeNoReceipt(String destination) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		this.session.subscribe(headers, new Frames(destination));
	}

	/**
	 * Sends with a receipt.
	 * @param destination where to
	 * @param body a JSON body
	 * @return the RECEIPT's {@code warren-id}, once it arrives
	 */
	CompletableFuture<String> send(String destination, String body) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
		headers.setReceipt("send-" + UUID.randomUUID());
		CompletableFuture<String> id = new CompletableFuture<>();
		this.session.send(headers, body.getBytes(StandardCharsets.UTF_8))
			.addReceiptTask((receipt) -> id.complete(receipt.getFirst("warren-id")));
		return id;
	}

	List<Received> messages() {
		return this.messages;
	}

	List<Received> messagesOn(String destination) {
		return this.messages.stream().filter((m) -> m.destination().equals(destination)).toList();
	}

	List<String> errors() {
		return this.errors;
	}

	boolean isClosed() {
		return this.closed.isDone();
	}

	@Override
	public void close() {
		if (this.session != null && this.session.isConnected()) {
			this.session.disconnect();
		}
	}

	@Override
	public String toString() {
		return this.name;
	}

	/**
	 * A MESSAGE as received.
	 *
	 * @param destination the subscription's destination
	 * @param headers the frame headers
	 * @param body the body as text
	 * @param receivedAtMillis wall-clock receive time
	 */
	record Received(String destination, StompHeaders headers, String body, long receivedAtMillis) {

		long publishedAt() {
			return Long.parseLong(this.headers.getFirst("warren-published-at"));
		}

	}

	private final class Frames implements StompFrameHandler {

		private final String destination;

		Frames(String destination) {
			this.destination = destination;
		}

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return byte[].class;
		}

		@Override
		public void handleFrame(StompHeaders headers, Object payload) {
			StompProbe.this.messages.add(new Received(this.destination, headers,
					new String((byte[]) payload, StandardCharsets.UTF_8), System.currentTimeMillis()));
		}

	}

	private final class Handler extends StompSessionHandlerAdapter {

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return byte[].class;
		}

		@Override
		public void handleFrame(StompHeaders headers, Object payload) {
			// Frames without a subscription reach the session handler: ERROR among them.
			String message = headers.getFirst("message");
			StompProbe.this.errors
				.add((message != null) ? message : new String((byte[]) payload, StandardCharsets.UTF_8));
		}

		@Override
		public void handleException(StompSession session, StompCommand command, StompHeaders headers, byte[] payload,
				Throwable exception) {
			StompProbe.this.errors.add("exception: " + exception);
		}

		@Override
		public void handleTransportError(StompSession session, Throwable exception) {
			StompProbe.this.closed.complete(exception);
		}

	}

	static Duration timeout() {
		return Duration.ofSeconds(30);
	}

}
