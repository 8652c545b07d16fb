package dev.warren.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

/**
 * A WebSocket client that sends exactly what it is given, text or binary, and records
 * every text message and the close code: for input no well-behaved client library would
 * send. The JDK's own client.
 */
final class RawSocket implements WebSocket.Listener, AutoCloseable {

	private final List<String> received = new CopyOnWriteArrayList<>();

	private final StringBuilder partial = new StringBuilder();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private WebSocket socket;

	/**
	 * Opens a connection.
	 * @param url the WebSocket URL
	 * @param subprotocol a subprotocol to offer, or {@code null}
	 * @return the open socket
	 */
	static RawSocket open(String url, String subprotocol) {
		RawSocket raw = new RawSocket();
		WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
		if (subprotocol != null) {
			builder.subprotocols(subprotocol);
		}
		raw.socket = builder.buildAsync(URI.create(url), raw).orTimeout(10, TimeUnit.SECONDS).join();
		return raw;
	}

	RawSocket text(String text) {
		this.socket.sendText(text, true).orTimeout(30, TimeUnit.SECONDS).exceptionally((ex) -> null).join();
		return this;
	}

	RawSocket binary(byte[] bytes) {
		this.socket.sendBinary(ByteBuffer.wrap(bytes), true)
			.orTimeout(10, TimeUnit.SECONDS)
			.exceptionally((ex) -> null)
			.join();
		return this;
	}

	/**
	 * Waits for a received message that matches.
	 * @param condition what to wait for
	 * @param timeout how long
	 * @return the message
	 */
	String await(Predicate<String> condition, Duration timeout) {
		Awaitility.await().atMost(timeout).until(() -> this.received.stream().anyMatch(condition));
		return this.received.stream().filter(condition).findFirst().orElseThrow();
	}

	List<String> received() {
		return this.received;
	}

	/**
	 * Waits for the server to close.
	 * @param timeout how long
	 * @return the close code
	 */
	int awaitClose(Duration timeout) {
		return this.closed.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		webSocket.request(Long.MAX_VALUE);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		synchronized (this.partial) {
			this.partial.append(data);
			if (last) {
				this.received.add(this.partial.toString());
				this.partial.setLength(0);
			}
		}
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closed.complete(statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closed.complete(1006);
	}

	@Override
	public void close() {
		this.socket.abort();
	}

}
