package dev.warren.subclient.stomp;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * One STOMP-over-WebSocket session with a socket-server node, through Spring's
 * {@link WebSocketStompClient}: connects with a token, subscribes with receipts and hands
 * every frame to a {@link Listener}.
 */
public class StompSubscriber implements AutoCloseable {

	private final Listener listener;

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	private final WebSocketStompClient client;

	private StompSession session;

	/**
	 * Creates a subscriber.
	 * @param listener receives messages, errors and the end of the connection
	 */
	public StompSubscriber(Listener listener) {
		this.listener = listener;
		this.scheduler.setPoolSize(1);
		this.scheduler.setDaemon(true);
		this.scheduler.setThreadNamePrefix("warren-sub-");
		this.scheduler.initialize();
		this.client = new WebSocketStompClient(new StandardWebSocketClient());
		this.client.setTaskScheduler(this.scheduler);
		this.client.setDefaultHeartbeat(new long[] { 10_000, 10_000 });
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
		CompletableFuture<StompSession> connected = this.client.connectAsync(url, new WebSocketHttpHeaders(), headers,
				new SessionHandler());
		this.session = await(connected, timeout, "connecting to " + url);
		this.session.setAutoReceipt(true);
	}

	/**
	 * Subscribes to each destination and waits until the server has acknowledged all of
	 * them with a RECEIPT: from then on nothing published is missed.
	 * @param destinations the destinations
	 * @param timeout how long to wait for the receipts
	 * @throws SubscriberException when a receipt does not come
	 */
	public void subscribe(List<String> destinations, Duration timeout) {
		this.client.setReceiptTimeLimit(timeout.toMillis());
		List<CompletableFuture<Void>> receipts = new ArrayList<>();
		for (String destination : destinations) {
			CompletableFuture<Void> receipt = new CompletableFuture<>();
			StompSession.Subscription subscription = this.session.subscribe(destination, new Frames(destination));
			subscription.addReceiptTask(() -> receipt.complete(null));
			subscription.addReceiptLostTask(() -> receipt
				.completeExceptionally(new SubscriberException("no RECEIPT for the subscription to " + destination)));
			receipts.add(receipt);
		}
		await(CompletableFuture.allOf(receipts.toArray(CompletableFuture[]::new)), timeout, "subscribing");
	}

	private static <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
		try {
			return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new SubscriberException(what + " timed out after " + timeout.toSeconds() + " s");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SubscriberException(what + " was interrupted");
		}
		catch (java.util.concurrent.ExecutionException | CompletionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof SubscriberException subscriberException) {
				throw subscriberException;
			}
			throw new SubscriberException(what + " failed: " + cause.getMessage());
		}
	}

	@Override
	public void close() {
		try {
			if (this.session != null && this.session.isConnected()) {
				this.session.disconnect();
			}
		}
		finally {
			this.scheduler.shutdown();
		}
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
		 * @param message the {@code message} header
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
			// Frames that belong to no subscription: ERROR.
			StompSubscriber.this.listener.onError(headers.getFirst("message"),
					new String((byte[]) payload, StandardCharsets.UTF_8));
		}

		@Override
		public void handleException(StompSession session, StompCommand command, StompHeaders headers, byte[] payload,
				Throwable exception) {
			StompSubscriber.this.listener.onError("client error", String.valueOf(exception));
		}

		@Override
		public void handleTransportError(StompSession session, Throwable exception) {
			StompSubscriber.this.listener.onConnectionLost(exception);
		}

	}

}
