package dev.warren.socket.edge;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;

/**
 * One WebSocket connection on the edge, the last handler of its pipeline, and the
 * transport its protocol writes through: whole messages in, text frames out, close codes,
 * keep-alive, an ordered lane for work that may block, and the slow-client bound. Knows
 * nothing of the protocol spoken over it.
 * <p>
 * Deliveries are written on the I/O thread by the fan-out's tasks ({@link #write});
 * control frames ({@link #send}) from whichever thread produces them, which Netty turns
 * into tasks on the same I/O thread, so everything reaches the socket in the order it was
 * handed over. A connection whose unwritten bytes pass
 * {@code warren.socket.max-queued-bytes} is closed as slow.
 */
public final class EdgeConnection extends ChannelInboundHandlerAdapter {

	private static final AtomicLong ids = new AtomicLong();

	private static final byte OPCODE_TEXT = (byte) 0x81;

	private static final byte OPCODE_BINARY = (byte) 0x82;

	private static final String KEEP_ALIVE = "keep-alive";

	private final EdgeServer server;

	private final EdgeProtocol protocol;

	/** Unique on the node; the dash keeps it apart from the servlet sessions' hex ids. */
	private final String id = "n-" + Long.toString(ids.incrementAndGet(), 36);

	private EdgeProtocol.Handler handler;

	private Channel channel;

	private EventLoop loop;

	/** The pipeline's first handler, where deliveries are written; I/O thread only. */
	private ChannelHandlerContext head;

	/** A flush of written deliveries is due; I/O thread only. */
	private boolean flushPending;

	private ScheduledFuture<?> beats;

	private String silenceReason;

	private volatile boolean open;

	private volatile boolean closing;

	EdgeConnection(EdgeServer server, EdgeProtocol protocol) {
		this.server = server;
		this.protocol = protocol;
	}

	/**
	 * The connection's id, unique on this node.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The I/O thread of the connection, where its deliveries are written.
	 * @return the event loop, {@code null} before the handshake completed
	 */
	public EventLoop loop() {
		return this.loop;
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
		if (event instanceof HandshakeComplete handshake) {
			this.channel = ctx.channel();
			this.loop = this.channel.eventLoop();
			this.open = true;
			this.server.opened(this);
			this.handler = this.protocol.open(this, handshake.requestHeaders());
		}
		else if (event instanceof IdleStateEvent) {
			// Nothing from the client for longer than its keep-alive allows.
			close(1000, this.silenceReason);
		}
		else {
			super.userEventTriggered(ctx, event);
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		if (this.beats != null) {
			this.beats.cancel(false);
		}
		if (this.open) {
			this.open = false;
			this.handler.closed();
			this.server.closed(this);
		}
		super.channelInactive(ctx);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		try {
			if (!this.closing && (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame)) {
				ByteBuf content = ((WebSocketFrame) msg).content();
				if (content.readableBytes() > this.server.messageSizeLimit()) {
					this.handler.tooLarge();
				}
				else {
					this.handler.received(content.nioBuffer());
				}
			}
		}
		finally {
			ReferenceCountUtil.release(msg);
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (this.handler != null && (cause instanceof TooLongFrameException
				|| (cause instanceof CorruptedWebSocketFrameException corrupted
						&& corrupted.closeStatus() == WebSocketCloseStatus.MESSAGE_TOO_BIG))) {
			// The decoder now drops the rest of the connection's input; the protocol
			// says why before the close.
			this.handler.tooLarge();
			return;
		}
		if (cause instanceof CorruptedWebSocketFrameException corrupted) {
			close(corrupted.closeStatus().code(), corrupted.closeStatus().reasonText());
			return;
		}
		ctx.close();
	}

	/** The client sent more than its lane holds: its protocol says so, then closes. */
	void flooded() {
		if (this.handler != null && !this.closing) {
			this.handler.flooded();
		}
	}

	/**
	 * Runs {@code task} on the connection's lane: in order with its other tasks, off the
	 * I/O thread, under the inbound bounds (a client flooding past them is closed).
	 * @param task the work, which may block
	 * @param bytes what the task holds of the client's input, for the bound
	 */
	public void inbound(Runnable task, int bytes) {
		this.server.inbound().execute(this.id, task, bytes);
	}

	/**
	 * Writes a text frame from any thread, after everything handed over before it.
	 * @param text the frame's UTF-8 bytes; not copied, so not to be changed afterwards
	 */
	public void send(byte[] text) {
		Channel channel = this.channel;
		if (channel != null && !this.closing) {
			channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(text)), channel.voidPromise());
		}
	}

	/**
	 * Writes one delivery on the connection's I/O thread: {@code prefix} then
	 * {@code payload}, as one WebSocket message with its header in one pooled buffer.
	 * Called by the fan-out for every subscriber of a message; the socket write happens
	 * once per batch ({@link EdgeFlusher}).
	 * @param prefix the subscriber's own start of the message, may be empty
	 * @param payload the rest, shared by all subscribers
	 * @param text a text frame, or else binary
	 * @return whether it was written; {@code false} when the connection is closing or was
	 * too slow and is closed now
	 */
	public boolean write(byte[] prefix, byte[] payload, boolean text) {
		Channel channel = this.channel;
		if (this.closing || !channel.isActive()) {
			return false;
		}
		if (!channel.isWritable()) {
			this.server.slow(this);
			return false;
		}
		int length = prefix.length + payload.length;
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
		frame.writeBytes(prefix).writeBytes(payload);
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
	 * Keeps the connection alive and notices a client that went away: sends a beat every
	 * {@code sendEvery} ms, and closes the connection when nothing at all arrived for
	 * {@code silenceLimit} ms. From any thread.
	 * @param sendEvery beat period in ms, 0 for none
	 * @param beat the beat as a text frame's bytes, {@code null} for a WebSocket ping
	 * @param silenceLimit longest silence in ms, 0 for no limit
	 * @param reason the close reason sent when the limit passes
	 */
	public void keepAlive(long sendEvery, byte[] beat, long silenceLimit, String reason) {
		this.loop.execute(() -> {
			if (!this.channel.isActive()) {
				return;
			}
			if (silenceLimit > 0) {
				this.silenceReason = reason;
				// First in the pipeline: any bytes read count, pongs included.
				this.channel.pipeline()
					.addFirst(KEEP_ALIVE, new IdleStateHandler(silenceLimit, 0, 0, TimeUnit.MILLISECONDS));
			}
			if (sendEvery > 0) {
				this.beats = this.loop.scheduleAtFixedRate(() -> beat(beat), sendEvery, sendEvery,
						TimeUnit.MILLISECONDS);
			}
		});
	}

	private void beat(byte[] beat) {
		if (this.channel.isActive() && !this.closing) {
			WebSocketFrame frame = (beat != null) ? new TextWebSocketFrame(Unpooled.wrappedBuffer(beat))
					: new PingWebSocketFrame();
			this.channel.writeAndFlush(frame, this.channel.voidPromise());
		}
	}

	/**
	 * Closes the connection with a WebSocket close frame after what is already queued;
	 * from any thread, once. The socket itself closes when the client answers with its
	 * close frame, or {@code warren.socket.edge.close-timeout} later: until then what the
	 * client still sends is read and dropped, so it can read what was written before.
	 * @param code the close code
	 * @param reason the close reason, may be {@code null}
	 */
	public void close(int code, String reason) {
		if (this.closing || this.channel == null) {
			return;
		}
		this.closing = true;
		Channel channel = this.channel;
		channel.writeAndFlush(new CloseWebSocketFrame(code, reason), channel.voidPromise());
		// Netty closes the socket when the client's close frame arrives; a client that
		// never answers is cut off after the close timeout.
		channel.eventLoop()
			.schedule(() -> channel.close(), this.server.properties().closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Closes the connection at once, dropping what waits to be written. */
	public void abort() {
		this.closing = true;
		if (this.channel != null) {
			this.channel.close();
		}
	}

	/**
	 * Whether a close was started.
	 * @return {@code true} once closing
	 */
	public boolean isClosing() {
		return this.closing;
	}

	/**
	 * Whether the connection is open: upgraded and not yet closed.
	 * @return {@code true} while open
	 */
	public boolean isOpen() {
		return this.open;
	}

}
