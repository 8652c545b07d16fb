package dev.warren.subclient.stomp;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import dev.warren.common.WarrenNames;

/**
 * One STOMP-over-WebSocket session with a socket-server node, through Spring's
 * {@link WebSocketStompClient}: connects with a token, subscribes with receipts and hands
 * every frame to a {@link Listener}.
 * <p>
 * While connecting and subscribing, an ERROR frame or a lost connection fails the step at
 * once with the server's reason, rather than after a timeout.
 */
public class StompSubscriber implements AutoCloseable {

	/** Largest STOMP frame accepted, also the WebSocket container's message buffer. */
	private static final int MESSAGE_SIZE_LIMIT = 1024 * 1024;

	private static final long[] HEARTBEAT = { 10_000, 10_000 };

	private final Listener listener;

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	private final WebSocketStompClient client;

	private final CompletableFuture<Void> broken = new CompletableFuture<>();

	private StompSession session;

	/**
	 * Creates a subscriber.
	 * @param listener receives messages, errors and the end of the connection
	 */
	public StompSubscriber(Listener listener) {
		this.listener = listener;
		this.scheduler.setPoolSize(1);
		this.scheduler.setDaemon(true);
		this.scheduler.setThreadNamePrefix("warren-sub-heartbeat-");
		this.scheduler.initialize();
		WebSocketContainer container = ContainerProvider.getWebSocketContainer();
		container.setDefaultMaxTextMessageBufferSize(MESSAGE_SIZE_LIMIT);
		container.setDefaultMaxBinaryMessageBufferSize(MESSAGE_SIZE_LIMIT);
		this.client = new WebSocketStompClient(new StandardWebSocketClient(container));
		this.client.setInboundMessageSizeLimit(MESSAGE_SIZE_LIMIT);
		this.client.setTaskScheduler(this.scheduler);
		this.client.setDefaultHeartbeat(HEARTBEAT);
	}

	/**
	 * Connects, sending the token as {@code Authorization: Bearer <token>}.
	 * @param url the socket-server's {@code /ws} URL
	 * @param token the token
	 * @param timeout how long to wait for CONNECTED
	 * @throws SubscriberException when the server refuses or cannot be reached
	 */
	public void connect(String url, String token, Duration timeout) {
		StompHeaders headers = new StompHeaders();
		headers.add("Authorization", "Bearer " + token);
		CompletableFuture<StompSession> connected;
		try {
			connected = this.client.connectAsync(url, new WebSocketHttpHeaders(), headers, new SessionHandler());
		}
		catch (RuntimeException ex) {
			throw new SubscriberException("cannot connect to " + url + ": " + rootMessage(ex));
		}
		this.session = await(connected, timeout, "connecting to " + url);
	}

	/**
	 * Subscribes to each destination and waits until the server has acknowledged all of
	 * them with a RECEIPT: from then on nothing published is missed.
	 * @param destinations the destinations
	 * @param timeout how long to wait for the receipts
	 * @throws SubscriberException when the server refuses or a receipt does not come
	 */
	public void subscribe(List<String> destinations, Duration timeout) {
		subscribe(destinations, Map.of(), timeout);
	}

	/**
	 * Subscribes to each destination, resuming those with a known position, and waits
	 * until the server has acknowledged all of them with a RECEIPT.
	 * @param destinations the destinations
	 * @param since the last position received per destination, sent as
	 * {@code warren-since}; destinations without one start live
	 * @param timeout how long to wait for the receipts
	 * @throws SubscriberException when the server refuses or a receipt does not come
	 */
	public void subscribe(List<String> destinations, Map<String, String> since, Duration timeout) {
		this.client.setReceiptTimeLimit(timeout.toMillis());
		this.session.setAutoReceipt(true);
		List<CompletableFuture<Void>> receipts = new ArrayList<>();
		for (String destination : destinations) {
			CompletableFuture<Void> receipt = new CompletableFuture<>();
			StompHeaders headers = new StompHeaders();
			headers.setDestination(destination);
			if (since.get(destination) != null) {
				headers.add(WarrenNames.SINCE_HEADER, since.get(destination));
			}
			StompSession.Subscription subscription = this.session.subscribe(headers, new Frames(destination));
			subscription.addReceiptTask(() -> receipt.complete(null));
			subscription.addReceiptLostTask(() -> receipt
				.completeExceptionally(new SubscriberException("no RECEIPT for the subscription to " + destination)));
			receipts.add(receipt);
		}
		this.session.setAutoReceipt(false);
		await(CompletableFuture.allOf(receipts.toArray(CompletableFuture[]::new)), timeout,
				"subscribing to " + destinations);
	}

	/**
	 * Waits for a setup step, or for the first ERROR frame or transport error, whichever
	 * comes first.
	 */
	private <T> T await(CompletableFuture<T> step, Duration timeout, String what) {
		try {
			CompletableFuture.anyOf(step, this.broken).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return step.getNow(null);
		}
		catch (TimeoutException ex) {
			throw new SubscriberException(what + " timed out after " + timeout.toSeconds() + " s");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SubscriberException(what + " was interrupted");
		}
		catch (ExecutionException ex) {
			String reason = (ex.getCause() instanceof SubscriberException subscriberException)
					? subscriberException.getMessage() : rootMessage(ex);
			throw new SubscriberException(what + " failed: " + reason);
		}
	}

	@Override
	public void close() {
		try {
			if (this.session != null && this.session.isConnected()) {
				this.session.disconnect();
			}
		}
		catch (RuntimeException ex) {
			// The server closed the connection meanwhile (after an ERROR frame, say):
			// there
			// is nothing left to disconnect, and the run's outcome is already decided.
		}
		finally {
			this.scheduler.shutdown();
		}
	}

	/**
	 * Describes an ERROR frame for people.
	 * @param message its {@code message} header, may be {@code null}
	 * @param body its body as text, may be {@code null}
	 * @return the message, with the body in parentheses when there is one
	 */
	public static String describeError(String message, String body) {
		String text = (message != null) ? message : "(no message)";
		return (body == null || body.isBlank()) ? text : text + " (" + body.strip() + ")";
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

	/**
	 * Receives what the session delivers. Called on the WebSocket client's threads.
	 */
	public interface Listener {

		/**
		 * A MESSAGE frame.
		 * @param destination the subscription's destination
		 * @param headers the frame's headers
		 * @param body the body bytes
		 */
		void onMessage(String destination, StompHeaders headers, byte[] body);

		/**
		 * An ERROR frame; the server closes the connection after it.
		 * @param message the {@code message} header, may be {@code null}
		 * @param body the body as text
		 */
		void onError(String message, String body);

		/**
		 * The connection ended without being asked to.
		 * @param cause why
		 */
		void onConnectionLost(Throwable cause);

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
			StompSubscriber.this.listener.onMessage(this.destination, headers, (byte[]) payload);
		}

	}

	private final class SessionHandler extends StompSessionHandlerAdapter {

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return byte[].class;
		}

		@Override
		public void handleFrame(StompHeaders headers, Object payload) {
			// The only frames that belong to no subscription are ERROR frames.
			String message = headers.getFirst("message");
			String body = (payload != null) ? new String((byte[]) payload, StandardCharsets.UTF_8) : "";
			StompSubscriber.this.broken
				.completeExceptionally(new SubscriberException("server sent ERROR: " + describeError(message, body)));
			StompSubscriber.this.listener.onError(message, body);
		}

		@Override
		public void handleException(StompSession session, StompCommand command, StompHeaders headers, byte[] payload,
				Throwable exception) {
			StompSubscriber.this.listener.onError("client could not handle a " + command + " frame",
					rootMessage(exception));
		}

		@Override
		public void handleTransportError(StompSession session, Throwable exception) {
			StompSubscriber.this.broken.completeExceptionally(new SubscriberException(rootMessage(exception)));
			StompSubscriber.this.listener.onConnectionLost(exception);
		}

	}

}
