package dev.warren.testsupport;

import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A JDK {@link WebSocket.Listener} for tests that speak STOMP by hand: it collects each
 * whole text message (one STOMP frame; heart-beat newlines left out) and the close.
 */
public final class StompFrameListener implements WebSocket.Listener {

	private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

	private final CompletableFuture<Closed> closed = new CompletableFuture<>();

	private final StringBuilder partial = new StringBuilder();

	/**
	 * The frames received so far, oldest first.
	 * @return the queue to poll
	 */
	public BlockingQueue<String> frames() {
		return this.frames;
	}

	/**
	 * Completes with the server's close frame, or exceptionally on a transport error.
	 * @return the close
	 */
	public CompletableFuture<Closed> closed() {
		return this.closed;
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			String frame = this.partial.toString();
			this.partial.setLength(0);
			if (!frame.isBlank()) {
				this.frames.add(frame);
			}
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closed.complete(new Closed(statusCode, reason));
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closed.completeExceptionally(error);
	}

	/**
	 * A close frame.
	 *
	 * @param code the WebSocket close code
	 * @param reason the reason text
	 */
	public record Closed(int code, String reason) {
	}

}
