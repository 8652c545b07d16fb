package dev.warren.subclient.load;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionDecoder;
import io.netty.util.ReferenceCountUtil;

import dev.warren.subclient.load.StompFrameScanner.Command;
import dev.warren.subclient.load.StompFrameScanner.ScannedFrame;

/**
 * One load client on one WebSocket: sends {@code CONNECT} once the upgrade is done,
 * subscribes with a receipt per destination once {@code CONNECTED} arrives, and from then
 * on checks and times every {@code MESSAGE}. With Warren's JSON protocol the same steps
 * are {@code Connect}, {@code connected}, a {@code Subscribe} per topic answered by a
 * {@code response} (the private channel needs none) and {@code message} frames. Runs on a
 * single Netty I/O thread, which serves many such connections; nothing here blocks or
 * allocates per message. A connection the run replaces ends cleanly: STOMP
 * {@code DISCONNECT} (the server answers and closes), or a WebSocket close with JSON.
 */
final class LoadConnection extends ChannelInboundHandlerAdapter {

	/** How long a replaced connection may take to close before the tool closes it. */
	private static final long DISCONNECT_TIMEOUT_SECONDS = 5;

	private final int client;

	private final String connectFrame;

	private final List<String> destinations;

	private final StreamTracker tracker;

	private final LoadStats stats;

	private final LoadStats.Node node;

	private final long heartbeatMillis;

	/** Speaks Warren's JSON protocol instead of STOMP. */
	private final boolean json;

	/**
	 * The JSON protocol's topic names, by subscription index (0 is the private channel).
	 */
	private final byte[][] topicNames;

	private final ScannedFrame frame = new ScannedFrame();

	private final LoadPayload.Fields fields = new LoadPayload.Fields();

	final CompletableFuture<Void> ready = new CompletableFuture<>();

	private int receipts;

	private volatile ChannelHandlerContext context;

	/** Set when the connection is opened, dropped when it closes. */
	private volatile Channel channel;

	private volatile boolean closing;

	/** The heart-beat task, cancelled when the connection closes; I/O thread only. */
	private ScheduledFuture<?> heartbeat;

	/**
	 * @param client the client's index
	 * @param connectFrame the whole {@code CONNECT} frame to send
	 * @param destinations what to subscribe to; subscription and receipt ids are the
	 * indexes
	 * @param tracker checks what arrives
	 * @param stats where counts and latencies go
	 * @param node the node this client is connected to
	 * @param heartbeatMillis how often to send a heart-beat, 0 for never
	 * @param json whether to speak Warren's JSON protocol
	 */
	LoadConnection(int client, String connectFrame, List<String> destinations, StreamTracker tracker, LoadStats stats,
			LoadStats.Node node, long heartbeatMillis, boolean json) {
		this.client = client;
		this.connectFrame = connectFrame;
		this.destinations = destinations;
		this.tracker = tracker;
		this.stats = stats;
		this.node = node;
		this.heartbeatMillis = heartbeatMillis;
		this.json = json;
		this.topicNames = new byte[destinations.size()][];
		for (int i = 1; i < destinations.size(); i++) {
			this.topicNames[i] = JsonFrames.ascii(destinations.get(i).substring(TOPIC_PREFIX.length()));
		}
	}

	private static final String TOPIC_PREFIX = "/topic/";

	StreamTracker tracker() {
		return this.tracker;
	}

	int client() {
		return this.client;
	}

	/**
	 * @param channel the channel this connection runs on, once it is being opened
	 */
	void bind(Channel channel) {
		this.channel = channel;
	}

	/**
	 * Resets the tracker's counts on this connection's I/O thread, the only one that
	 * writes them.
	 * @return completes once done
	 */
	CompletableFuture<Void> resetCounts() {
		CompletableFuture<Void> done = new CompletableFuture<>();
		if (this.context == null) {
			this.tracker.resetCounts();
			done.complete(null);
		}
		else {
			this.context.executor().execute(() -> {
				this.tracker.resetCounts();
				done.complete(null);
			});
		}
		return done;
	}

	/** Marks the connection as closed by the tool, so its end is not counted as lost. */
	void closing() {
		this.closing = true;
	}

	/**
	 * Ends the connection cleanly, as a client that leaves does, and counts it as
	 * replaced if it was subscribed; any thread. A connection that is not subscribed
	 * (still connecting, failed) or already lost is just closed.
	 */
	void disconnect() {
		Channel channel = this.channel;
		if (channel == null) {
			this.closing = true;
			return;
		}
		channel.eventLoop().execute(() -> {
			if (this.closing) {
				return;
			}
			this.closing = true;
			boolean subscribed = this.ready.isDone() && !this.ready.isCompletedExceptionally();
			if (!subscribed || !channel.isActive()) {
				channel.close();
				return;
			}
			this.stats.replaced.incrementAndGet();
			channel.writeAndFlush(this.json ? new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE)
					: new TextWebSocketFrame("DISCONNECT\nreceipt:bye\n\n\0"));
			channel.eventLoop().schedule(() -> channel.close(), DISCONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		});
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.context = ctx;
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
		if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
			this.stats.opened.incrementAndGet();
			for (var entry : ctx.pipeline()) {
				if (entry.getValue() instanceof WebSocketExtensionDecoder) {
					this.stats.deflateNegotiated.incrementAndGet();
					break;
				}
			}
			ctx.writeAndFlush(new TextWebSocketFrame(this.connectFrame));
		}
		else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
			fail(ctx, "WebSocket upgrade timed out");
		}
		super.userEventTriggered(ctx, event);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		try {
			if (msg instanceof TextWebSocketFrame text) {
				if (this.json) {
					scanJson(ctx, text.content());
				}
				else {
					scan(ctx, text.content());
				}
			}
			else if (!(msg instanceof WebSocketFrame)) {
				fail(ctx, "unexpected " + msg.getClass().getSimpleName());
			}
		}
		finally {
			ReferenceCountUtil.release(msg);
		}
	}

	private void scan(ChannelHandlerContext ctx, ByteBuf content) {
		int index = content.readerIndex();
		int end = content.writerIndex();
		while (index < end) {
			index = StompFrameScanner.next(content, index, end, this.frame);
			if (index < 0) {
				if (this.frame.command == Command.MALFORMED) {
					fail(ctx, "malformed STOMP frame from the server");
				}
				return;
			}
			switch (this.frame.command) {
				case MESSAGE -> message(content);
				case CONNECTED -> subscribe(ctx);
				case RECEIPT -> receipt();
				case ERROR -> fail(ctx, "ERROR " + this.frame.errorMessage);
				default -> {
				}
			}
		}
	}

	/** One JSON frame: the type is the first field, as the server writes it. */
	private void scanJson(ChannelHandlerContext ctx, ByteBuf content) {
		int start = content.readerIndex();
		int end = content.writerIndex();
		if (JsonFrames.startsWith(content, start, end, JsonFrames.MESSAGE)) {
			jsonMessage(content, start, end);
		}
		else if (JsonFrames.startsWith(content, start, end, JsonFrames.CONNECTED)) {
			subscribeJson(ctx);
		}
		else if (JsonFrames.startsWith(content, start, end, JsonFrames.RESPONSE)) {
			receipt();
		}
		else {
			fail(ctx, "unexpected frame "
					+ content.toString(start, Math.min(end - start, 200), java.nio.charset.StandardCharsets.UTF_8));
		}
	}

	private void jsonMessage(ByteBuf content, int start, int end) {
		int subscription = JsonFrames.subscription(content, start, end, this.topicNames);
		int data = JsonFrames.data(content, start, end);
		if (subscription < 0 || data < 0 || !LoadPayload.read(content, data, end - 1, this.fields)) {
			this.tracker.misdelivered++;
			return;
		}
		if (this.tracker.arrived(subscription, this.fields.stream, this.fields.sequence)) {
			this.stats.latency.record((this.stats.now() - this.fields.sentNanos) / 1000);
			this.stats.received.increment();
			this.node.received.increment();
		}
	}

	/** Subscribes to the topics; the private channel comes with the connection. */
	private void subscribeJson(ChannelHandlerContext ctx) {
		if (this.destinations.size() == 1) {
			this.receipts = 0;
			receiptsDone();
			return;
		}
		// The private channel (index 0) needs no Subscribe and gets no response.
		this.receipts = 1;
		for (int i = 1; i < this.destinations.size(); i++) {
			ctx.write(new TextWebSocketFrame("{\"type\":\"Subscribe\",\"request_id\":\"" + i + "\",\"topic\":\""
					+ this.destinations.get(i).substring(TOPIC_PREFIX.length()) + "\"}"));
		}
		ctx.flush();
	}

	private void message(ByteBuf content) {
		if (!LoadPayload.read(content, this.frame.bodyStart, this.frame.bodyEnd, this.fields)) {
			this.tracker.misdelivered++;
			return;
		}
		if (this.tracker.arrived(this.frame.subscription, this.fields.stream, this.fields.sequence)) {
			this.stats.latency.record((this.stats.now() - this.fields.sentNanos) / 1000);
			this.stats.received.increment();
			this.node.received.increment();
		}
	}

	private void subscribe(ChannelHandlerContext ctx) {
		StringBuilder frames = new StringBuilder();
		for (int i = 0; i < this.destinations.size(); i++) {
			frames.setLength(0);
			frames.append("SUBSCRIBE\nid:").append(i).append("\ndestination:").append(this.destinations.get(i));
			frames.append("\nack:auto\nreceipt:").append(i).append("\n\n\0");
			ctx.write(new TextWebSocketFrame(frames.toString()));
		}
		ctx.flush();
		if (this.heartbeatMillis > 0) {
			this.heartbeat = ctx.executor().scheduleAtFixedRate(() -> {
				if (ctx.channel().isActive()) {
					ctx.writeAndFlush(new TextWebSocketFrame("\n"));
				}
			}, this.heartbeatMillis, this.heartbeatMillis, TimeUnit.MILLISECONDS);
		}
	}

	private void receipt() {
		if (++this.receipts == this.destinations.size()) {
			receiptsDone();
		}
	}

	private void receiptsDone() {
		this.stats.subscribed.incrementAndGet();
		this.node.subscribed.incrementAndGet();
		this.ready.complete(null);
	}

	/**
	 * Counts this client as failed unless it is already subscribed or failed.
	 * @param reason what went wrong, for the error list
	 */
	void failed(String reason) {
		if (this.ready.completeExceptionally(new IllegalStateException(reason))) {
			this.stats.failed.incrementAndGet();
			this.node.failed.incrementAndGet();
			this.stats.error("client " + this.client + " (" + this.node.url + "): " + reason);
		}
	}

	private void fail(ChannelHandlerContext ctx, String reason) {
		if (!this.ready.isDone()) {
			failed(reason);
		}
		else if (!this.closing) {
			this.stats.lost.incrementAndGet();
			this.stats.error("client " + this.client + " (" + this.node.url + ") after subscribing: " + reason);
		}
		this.closing = true;
		ctx.close();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		if (!this.closing) {
			fail(ctx, "connection closed by the server");
		}
		// A run that replaces connections closes thousands: nothing of a closed one may
		// stay scheduled or reachable but its tracker.
		if (this.heartbeat != null) {
			this.heartbeat.cancel(false);
			this.heartbeat = null;
		}
		this.channel = null;
		this.context = null;
		super.channelInactive(ctx);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		fail(ctx, cause.getClass().getSimpleName() + ": " + cause.getMessage());
	}

}
