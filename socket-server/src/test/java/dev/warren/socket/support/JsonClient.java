package dev.warren.socket.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.awaitility.Awaitility;

/**
 * A client of the JSON protocol built on the JDK's own WebSocket client
 * ({@code java.net.http.WebSocket}): records every frame it receives, parsed, and how the
 * connection closed.
 */
public final class JsonClient implements WebSocket.Listener {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private final List<JsonNode> frames = new CopyOnWriteArrayList<>();

	private final StringBuilder partial = new StringBuilder();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private WebSocket socket;

	private JsonClient() {
	}

	/**
	 * Opens a connection.
	 * @param port the edge's port
	 * @param path the JSON protocol's path
	 * @param token sent as {@code Authorization: Bearer}, or {@code null} for none
	 * @return the open client
	 */
	public static JsonClient open(int port, String path, String token) {
		JsonClient client = new JsonClient();
		WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		client.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + path), client)
			.orTimeout(10, TimeUnit.SECONDS)
			.join();
		return client;
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		synchronized (this.partial) {
			this.partial.append(data);
			if (last) {
				this.frames.add(mapper.readTree(this.partial.toString()));
				this.partial.setLength(0);
			}
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closed.complete(statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closed.complete(-1);
	}

	/**
	 * Sends one text frame.
	 * @param json the frame
	 */
	public void send(String json) {
		this.socket.sendText(json, true).orTimeout(10, TimeUnit.SECONDS).join();
	}

	/**
	 * Waits for a frame.
	 * @param condition what it must satisfy
	 * @return the first frame that does
	 */
	public JsonNode await(Predicate<JsonNode> condition) {
		Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> this.frames.stream().anyMatch(condition));
		return this.frames.stream().filter(condition).findFirst().orElseThrow();
	}

	/**
	 * Waits for a frame of a type with a request id.
	 * @param type the frame's {@code type}
	 * @param requestId its {@code request_id}
	 * @return the frame
	 */
	public JsonNode await(String type, String requestId) {
		return await((frame) -> type.equals(frame.path("type").asString())
				&& requestId.equals(frame.path("request_id").asString()));
	}

	/**
	 * The frames received so far.
	 * @return the frames, in order
	 */
	public List<JsonNode> frames() {
		return List.copyOf(this.frames);
	}

	/**
	 * The deliveries received so far.
	 * @return {@code message} frames, in order
	 */
	public List<JsonNode> messages() {
		return this.frames.stream().filter((frame) -> "message".equals(frame.path("type").asString())).toList();
	}

	/**
	 * Waits for the server to close the connection.
	 * @return the close code
	 */
	public int awaitClose() {
		return this.closed.orTimeout(20, TimeUnit.SECONDS).join();
	}

	public boolean isClosed() {
		return this.closed.isDone();
	}

	/** Closes from the client's side. */
	public void close() {
		if (!this.socket.isOutputClosed()) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
		}
	}

}
