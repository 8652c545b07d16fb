package dev.warren.socket.support;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandler;

/**
 * One client connection seen from the client: the ERROR frames it got, whether the server
 * closed it, and inboxes of its subscriptions.
 */
public final class StompProbe implements StompSessionHandler {

	private final CompletableFuture<StompSession> session = new CompletableFuture<>();

	private final List<Frame> errors = new CopyOnWriteArrayList<>();

	private volatile StompHeaders connectedHeaders;

	private volatile boolean closed;

	/**
	 * The session once CONNECTED arrived.
	 * @return the session
	 */
	public StompSession session() {
		try {
			return this.session.get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Not connected", ex);
		}
	}

	public boolean isConnected() {
		return this.session.isDone() && !this.session.isCompletedExceptionally();
	}

	public StompHeaders connectedHeaders() {
		return this.connectedHeaders;
	}

	public List<Frame> errors() {
		return this.errors;
	}

	/**
	 * Whether the connection was lost (closed by the server).
	 * @return {@code true} once closed
	 */
	public boolean isClosed() {
		return this.closed;
	}

	/**
	 * Subscribes and waits for the RECEIPT.
	 * @param destination where
	 * @return the inbox of the subscription
	 */
	public Inbox subscribe(String destination) {
		return subscribe(destination, new StompHeaders());
	}

	/**
	 * Subscribes with more headers and waits for the RECEIPT.
	 * @param destination where
	 * @param headers headers to send besides destination and receipt
	 * @return the inbox of the subscription
	 */
	public Inbox subscribe(String destination, StompHeaders headers) {
		Inbox inbox = new Inbox();
		headers.setDestination(destination);
		headers.setReceipt("r-" + destination + "-" + System.nanoTime());
		CompletableFuture<Void> receipt = new CompletableFuture<>();
		StompSession.Receiptable receiptable = session().subscribe(headers, inbox);
		receiptable.addReceiptTask(() -> receipt.complete(null));
		receiptable.addReceiptLostTask(() -> receipt.completeExceptionally(new IllegalStateException("receipt lost")));
		inbox.subscription = (StompSession.Subscription) receiptable;
		receipt.join();
		return inbox;
	}

	/**
	 * Subscribes without waiting for anything.
	 * @param destination where
	 */
	public void subscribeBlindly(String destination) {
		session().subscribe(destination, new Inbox());
	}

	@Override
	public void afterConnected(StompSession session, StompHeaders connectedHeaders) {
		this.connectedHeaders = connectedHeaders;
		this.session.complete(session);
	}

	@Override
	public void handleException(StompSession session, StompCommand command, StompHeaders headers, byte[] payload,
			Throwable exception) {
	}

	@Override
	public void handleTransportError(StompSession session, Throwable exception) {
		this.closed = true;
		this.session.completeExceptionally(exception);
	}

	@Override
	public Type getPayloadType(StompHeaders headers) {
		return byte[].class;
	}

	@Override
	public void handleFrame(StompHeaders headers, Object payload) {
		this.errors.add(new Frame(headers, (payload != null) ? (byte[]) payload : new byte[0]));
	}

	/**
	 * A received frame.
	 *
	 * @param headers its headers
	 * @param body its body
	 */
	public record Frame(StompHeaders headers, byte[] body) {

		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		public String header(String name) {
			return this.headers.getFirst(name);
		}

	}

	/** What one subscription received. */
	public static final class Inbox implements StompFrameHandler {

		private final List<Frame> frames = new CopyOnWriteArrayList<>();

		private volatile StompSession.Subscription subscription;

		public List<Frame> frames() {
			return this.frames;
		}

		public List<String> texts() {
			return this.frames.stream().map(Frame::text).toList();
		}

		/**
		 * Unsubscribes and waits for the RECEIPT.
		 */
		public void unsubscribe() {
			StompHeaders headers = new StompHeaders();
			headers.setReceipt("u-" + System.nanoTime());
			CompletableFuture<Void> receipt = new CompletableFuture<>();
			StompSession.Receiptable receiptable = this.subscription.unsubscribe(headers);
			receiptable.addReceiptTask(() -> receipt.complete(null));
			receiptable
				.addReceiptLostTask(() -> receipt.completeExceptionally(new IllegalStateException("receipt lost")));
			receipt.join();
		}

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return byte[].class;
		}

		@Override
		public void handleFrame(StompHeaders headers, Object payload) {
			this.frames.add(new Frame(headers, (byte[]) payload));
		}

	}

}
