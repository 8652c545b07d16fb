package dev.warren.e2e.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A STOMP client that subscribes and then stops reading its socket, as an app on a frozen
 * phone would: the JDK's WebSocket client reads only what its listener requests, so once
 * it stops requesting, TCP pushes back on the node.
 */
public final class StalledReader implements WebSocket.Listener, AutoCloseable {

	private final AtomicInteger frames = new AtomicInteger();

	private final CompletableFuture<Void> subscribed = new CompletableFuture<>();

	private final int readBeforeStalling;

	private WebSocket socket;

	private StalledReader(int readBeforeStalling) {
		this.readBeforeStalling = readBeforeStalling;
	}

	/**
	 * Connects, subscribes to {@code destination}, reads the CONNECTED and RECEIPT frames
	 * and a few more, then reads nothing.
	 * @param url the node's STOMP URL
	 * @param token the client's token
	 * @param destination what to subscribe to
	 * @return the stalled reader
	 */
	public static StalledReader subscribe(String url, String token, String destination) {
		StalledReader reader = new StalledReader(12);
		reader.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.subprotocols("v12.stomp")
			.buildAsync(URI.create(url), reader)
			.orTimeout(10, TimeUnit.SECONDS)
			.join();
		reader.socket
			.sendText("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\nAuthorization:Bearer " + token
					+ "\n\n\0", true)
			.join();
		reader.socket.sendText("SUBSCRIBE\nid:0\ndestination:" + destination + "\nreceipt:subscribed\n\n\0", true)
			.join();
		reader.subscribed.orTimeout(15, TimeUnit.SECONDS).join();
		return reader;
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		webSocket.request(1);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		if (data.toString().startsWith("RECEIPT")) {
			this.subscribed.complete(null);
		}
		if (this.frames.incrementAndGet() < this.readBeforeStalling || !this.subscribed.isDone()) {
			webSocket.request(1);
		}
		return null;
	}

	@Override
	public void close() {
		this.socket.abort();
	}

}
