package dev.warren.socket.edge;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompConversionException;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageHeaderAccessor;

import dev.warren.common.RoutingKey;
import dev.warren.socket.session.SessionEndpoint;
import dev.warren.socket.stomp.StompRefusal;
import dev.warren.socket.subscription.SubscriptionRules;

/**
 * One STOMP session on the edge, the last handler of its connection's pipeline.
 * <p>
 * Inbound frames are decoded on the connection's I/O thread and handled on the session's
 * lane of the edge's inbound executor, in order and off the I/O thread, since CONNECT and
 * SUBSCRIBE wait for a RabbitMQ binding. MESSAGE frames are written on the I/O thread by
 * the fan-out's tasks ({@link #write}); CONNECTED, RECEIPT, ERROR and heart-beats are
 * written from whichever thread produces them, which Netty turns into tasks on the same
 * I/O thread, so everything reaches the socket in the order it was handed over. A
 * connection whose unwritten bytes pass {@code warren.socket.max-queued-bytes} is closed
 * as slow.
 */
final class EdgeSession extends ChannelInboundHandlerAdapter implements SessionEndpoint {

	private static final AtomicLong ids = new AtomicLong();

	private static final byte OPCODE_TEXT = (byte) 0x81;

	private static final byte OPCODE_BINARY = (byte) 0x82;

	/** A client that sends nothing for this many of its heart-beat periods is gone. */
	private static final int HEARTBEAT_MISSES = 3;

	private final EdgeContext edge;

	/** Unique on the node; the dash keeps it apart from the servlet sessions' hex ids. */
	private final String id = "n-" + Long.toString(ids.incrementAndGet(), 36);

	private Channel channel;

	private EventLoop loop;

	/**
	 * The pipeline's first handler, where MESSAGE frames are written; I/O thread only.
	 */
	private ChannelHandlerContext head;

	/** A flush of written MESSAGE frames is due; I/O thread only. */
	private boolean flushPending;

	/** Set once CONNECT succeeded; written and read on the session's lane. */
	private String clientId;

	/** Subscription id to what it receives; only touched on the session's lane. */
	private Map<String, RoutingKey> subscriptions;

	/** The start of a frame whose end has not arrived; only touched on the I/O thread. */
	private ByteBuf partial;

	private ScheduledFuture<?> heartbeats;

	private volatile boolean open;

	private volatile boolean closing;

	EdgeSession(EdgeContext edge) {
		this.edge = edge;
	}

	String id() {
		return this.id;
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
		if (event instanceof HandshakeComplete) {
			this.channel = ctx.channel();
			this.loop = this.channel.eventLoop();
			this.open = true;
			ctx.pipeline().remove(EdgeServer.UPGRADE_GUARD);
			this.edge.opened(this);
		}
		else if (event instanceof IdleStateEvent) {
			// Nothing from the client for several of its heart-beat periods.
			close(WebSocketCloseStatus.NORMAL_CLOSURE, "no heart-beat");
		}
		else {
			super.userEventTriggered(ctx, event);
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		if (this.partial != null) {
			this.partial.release();
			this.partial = null;
		}
		if (this.heartbeats != null) {
			this.heartbeats.cancel(false);
		}
		if (this.open) {
			this.open = false;
			this.edge.inbound().execute(this.id, this::forget, 0);
			this.edge.closed(this);
		}
		super.channelInactive(ctx);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		try {
			if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
				read(((WebSocketFrame) msg).content());
			}
		}
		finally {
			ReferenceCountUtil.release(msg);
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (cause instanceof TooLongFrameException) {
			refuse(tooLarge(), null);
			return;
		}
		ctx.close();
	}

	/**
	 * Decodes the STOMP frames of one WebSocket message, joined with the start of a frame
	 * an earlier message left.
	 */
	private void read(ByteBuf content) {
		if (this.closing) {
			return;
		}
		int waiting = (this.partial != null) ? this.partial.readableBytes() : 0;
		if (waiting + content.readableBytes() > this.edge.messageSizeLimit()) {
			refuse(tooLarge(), null);
			return;
		}
		ByteBuf data = content;
		if (this.partial != null) {
			this.partial.writeBytes(content);
			data = this.partial;
		}
		ByteBuffer buffer = data.nioBuffer();
		List<Message<byte[]>> frames;
		try {
			frames = this.edge.stomp().decode(buffer);
		}
		catch (StompConversionException ex) {
			refuse(new StompRefusal("Invalid STOMP frame", String.valueOf(ex.getMessage())), null);
			return;
		}
		int rest = buffer.remaining();
		if (rest == 0) {
			if (this.partial != null) {
				this.partial.release();
				this.partial = null;
			}
		}
		else if (this.partial == null) {
			this.partial = Unpooled.buffer(rest);
			this.partial.writeBytes(data, data.readerIndex() + buffer.position(), rest);
		}
		else {
			this.partial.skipBytes(buffer.position());
			this.partial.discardReadBytes();
		}
		for (Message<byte[]> frame : frames) {
			StompHeaderAccessor headers = MessageHeaderAccessor.getAccessor(frame, StompHeaderAccessor.class);
			if (headers != null && !headers.isHeartbeat() && headers.getCommand() != null) {
				this.edge.inbound().execute(this.id, () -> handle(headers), frame.getPayload().length);
			}
		}
	}

	/** One client frame, on the session's lane. */
	private void handle(StompHeaderAccessor frame) {
		if (this.closing) {
			return;
		}
		try {
			switch (frame.getCommand()) {
				case CONNECT, STOMP -> connect(frame);
				case SUBSCRIBE -> subscribe(frame);
				case UNSUBSCRIBE -> unsubscribe(frame);
				case DISCONNECT -> disconnect(frame);
				case SEND -> {
					requireConnected();
					throw SubscriptionRules.sendRefused(frame.getDestination());
				}
				// ACK, NACK and transactions mean nothing for a receive-only client.
				default -> requireConnected();
			}
		}
		catch (StompRefusal refusal) {
			refuse(refusal, frame);
		}
	}

	private void connect(StompHeaderAccessor frame) {
		if (this.clientId != null) {
			throw new StompRefusal("Already connected", "send CONNECT once per connection");
		}
		String version = EdgeStomp.version(frame.getAcceptVersion());
		if (version == null) {
			throw new StompRefusal("Unsupported STOMP version", "supported versions are 1.0, 1.1 and 1.2");
		}
		this.clientId = this.edge.authenticator().connect(frame, this.id, this);
		long[] client = frame.getHeartbeat();
		long send = EdgeStomp.interval(this.edge.stomp().heartbeatSend(), client[1]);
		long receive = EdgeStomp.interval(this.edge.stomp().heartbeatReceive(), client[0]);
		sendControl(this.edge.stomp().connected(version, this.clientId));
		this.channel.eventLoop().execute(() -> startHeartbeats(send, receive));
	}

	private void subscribe(StompHeaderAccessor frame) {
		requireConnected();
		String subscriptionId = frame.getSubscriptionId();
		RoutingKey interest = this.edge.rules()
			.subscribe(this.id, this.clientId, frame.getDestination(), subscriptionId);
		if (this.subscriptions == null) {
			this.subscriptions = new HashMap<>(4);
		}
		this.subscriptions.put(subscriptionId, interest);
		this.edge.audience().add(this, subscriptionId, interest);
		receipt(frame);
	}

	private void unsubscribe(StompHeaderAccessor frame) {
		requireConnected();
		String subscriptionId = frame.getSubscriptionId();
		this.edge.rules().unsubscribe(this.id, subscriptionId);
		RoutingKey interest = (this.subscriptions != null && subscriptionId != null)
				? this.subscriptions.remove(subscriptionId) : null;
		if (interest != null) {
			this.edge.audience().remove(this, subscriptionId, interest);
		}
		receipt(frame);
	}

	private void disconnect(StompHeaderAccessor frame) {
		forget();
		receipt(frame);
		close(WebSocketCloseStatus.NORMAL_CLOSURE, null);
	}

	/** Releases the session's registrations; on its lane. */
	private void forget() {
		if (this.subscriptions != null) {
			for (Map.Entry<String, RoutingKey> subscription : this.subscriptions.entrySet()) {
				this.edge.audience().remove(this, subscription.getKey(), subscription.getValue());
			}
			this.subscriptions = null;
		}
		this.edge.registry().disconnect(this.id);
	}

	private void requireConnected() {
		if (this.clientId == null) {
			throw StompRefusal.unauthorized("not connected");
		}
	}

	private void receipt(StompHeaderAccessor frame) {
		String receipt = frame.getReceipt();
		if (receipt != null) {
			sendControl(this.edge.stomp().receipt(receipt));
		}
	}

	/** Sends the refusal as an ERROR frame, then closes the connection. */
	private void refuse(StompRefusal refusal, StompHeaderAccessor frame) {
		if (this.closing) {
			return;
		}
		sendControl(this.edge.stomp().error(refusal, frame));
		close(WebSocketCloseStatus.PROTOCOL_ERROR, null);
	}

	private static StompRefusal tooLarge() {
		return new StompRefusal("Frame too large",
				"a STOMP frame may have at most warren.socket.message-size-limit bytes");
	}

	private void startHeartbeats(long send, long receive) {
		if (!this.channel.isActive()) {
			return;
		}
		if (receive > 0) {
			this.channel.pipeline()
				.addBefore(EdgeServer.STOMP, "heartbeat-in",
						new IdleStateHandler(receive * HEARTBEAT_MISSES, 0, 0, TimeUnit.MILLISECONDS));
		}
		if (send > 0) {
			this.heartbeats = this.channel.eventLoop()
				.scheduleAtFixedRate(this::heartbeat, send, send, TimeUnit.MILLISECONDS);
		}
	}

	private void heartbeat() {
		if (this.channel.isActive() && !this.closing) {
			this.channel.writeAndFlush(EdgeStomp.heartbeat(), this.channel.voidPromise());
		}
	}

	/** Writes a CONNECTED, RECEIPT or ERROR frame from any thread. */
	private void sendControl(byte[] frame) {
		this.channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame)), this.channel.voidPromise());
	}

	/**
	 * The I/O thread of the session's connection, where its MESSAGE frames are written.
	 * @return the event loop, {@code null} before the handshake completed
	 */
	EventLoop loop() {
		return this.loop;
	}

	/**
	 * Writes one MESSAGE frame on the connection's I/O thread: {@code frameStart} (its
	 * command and subscription line) then {@code tail}, as one WebSocket message with its
	 * header in one pooled buffer. Called by the fan-out for every subscriber of a
	 * message; the socket write happens once per batch of frames
	 * ({@code FlushConsolidationHandler}).
	 * @return whether the frame was written; {@code false} when the session is closing or
	 * was too slow and is closed now
	 */
	boolean write(byte[] frameStart, byte[] tail, boolean text) {
		Channel channel = this.channel;
		if (this.closing || !channel.isActive()) {
			return false;
		}
		if (!channel.isWritable()) {
			this.edge.slow(this);
			return false;
		}
		int length = frameStart.length + tail.length;
		ByteBuf frame = channel.alloc().directBuffer(length + ((length < 126) ? 2 : (length < 65_536) ? 4 : 10));
		frame.writeByte(text ? OPCODE_TEXT : OPCODE_BINARY);
		if (length < 126) {
			frame.writeByte(length);
		}
		else if (length < 65_536) {
			frame.writeByte(126).writeShort(length);
		}
		else {
			frame.writeByte(127).writeLong(length);
		}
		frame.writeBytes(frameStart).writeBytes(tail);
		// Straight to the socket's end of the pipeline: the handlers in between only act
		// on WebSocket frame objects. The flush comes later, once for every frame the
		// I/O thread wrote to this connection meanwhile (EdgeFlusher).
		if (this.head == null) {
			this.head = channel.pipeline().firstContext();
		}
		this.head.write(frame, channel.voidPromise());
		if (!this.flushPending) {
			this.flushPending = true;
			EdgeFlusher.of(this.loop).add(this);
		}
		return true;
	}

	/**
	 * Writes out what {@link #write} left in the connection's buffer; on its I/O thread.
	 */
	void flush() {
		this.flushPending = false;
		if (this.head != null) {
			this.head.flush();
		}
	}

	/**
	 * Closes the connection with a WebSocket close frame after what is already queued.
	 * @param status the close code
	 * @param reason the close reason, may be {@code null}
	 */
	void close(WebSocketCloseStatus status, String reason) {
		if (this.closing || this.channel == null) {
			return;
		}
		this.closing = true;
		this.channel.writeAndFlush(new CloseWebSocketFrame(status.code(), reason))
			.addListener(ChannelFutureListener.CLOSE);
	}

	/** Closes the connection at once, dropping what waits to be written. */
	void abort() {
		this.closing = true;
		if (this.channel != null) {
			this.channel.close();
		}
	}

	boolean isClosing() {
		return this.closing;
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

	@Override
	public void tokenExpired() {
		refuse(StompRefusal.unauthorized("token expired"), null);
	}

}
