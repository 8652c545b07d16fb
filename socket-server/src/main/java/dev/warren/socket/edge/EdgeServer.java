package dev.warren.socket.edge;

import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import dev.warren.socket.SocketProperties;
import dev.warren.socket.session.CloseWait;
import dev.warren.socket.session.LaneOverflowListener;

/**
 * The Netty edge's server: accepts connections on {@code warren.socket.edge.port},
 * upgrades requests to {@code warren.socket.edge.path} to WebSocket (subprotocols
 * {@code v10.stomp}, {@code v11.stomp}, {@code v12.stomp}; permessage-deflate never
 * negotiated) and gives each an {@link EdgeSession}.
 * <p>
 * A connection holds no buffer while it is idle: Netty reads into pooled buffers and
 * returns them after each read, and writes leave nothing behind once flushed. When the
 * node stops, new handshakes get 503 and every session is closed with 1012, as on the
 * servlet endpoints.
 */
public final class EdgeServer implements SmartLifecycle, LaneOverflowListener {

	static final String UPGRADE_GUARD = "upgrade-guard";

	static final String STOMP = "stomp";

	private static final Logger logger = LoggerFactory.getLogger(EdgeServer.class);

	private static final String RECONNECT = "node shutting down: reconnect";

	/** The handshake request has no body; its headers are all that is aggregated. */
	private static final int MAX_HANDSHAKE_BYTES = 16 * 1024;

	private final EdgeProperties properties;

	private final SocketProperties socket;

	private final ConcurrentHashMap<String, EdgeSession> sessions = new ConcurrentHashMap<>();

	private Function<EdgeServer, EdgeContext> contextFactory;

	private EdgeContext context;

	private EventLoopGroup acceptor;

	private EventLoopGroup workers;

	private Channel serverChannel;

	private volatile int port = -1;

	private volatile boolean running;

	private volatile boolean draining;

	EdgeServer(EdgeProperties properties, SocketProperties socket, Function<EdgeServer, EdgeContext> contextFactory) {
		this.properties = properties;
		this.socket = socket;
		this.contextFactory = contextFactory;
	}

	/**
	 * The port the edge listens on.
	 * @return the port, {@code -1} before it started
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Number of open WebSocket sessions on the edge.
	 * @return the count
	 */
	public int size() {
		return this.sessions.size();
	}

	boolean isDraining() {
		return this.draining;
	}

	@Override
	public void start() {
		if (this.context == null) {
			this.context = this.contextFactory.apply(this);
			this.contextFactory = null;
		}
		this.draining = false;
		this.acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("warren-edge-accept"),
				NioIoHandler.newFactory());
		this.workers = new MultiThreadIoEventLoopGroup(this.properties.ioThreads(),
				new DefaultThreadFactory("warren-edge-io"), NioIoHandler.newFactory());
		EdgeUpgradeGuard guard = new EdgeUpgradeGuard(this.properties.path(), this.socket.allowedOrigins(),
				this::isDraining);
		int messageSizeLimit = (int) this.socket.messageSizeLimit().toBytes();
		int maxQueued = (int) Math.min(Integer.MAX_VALUE, this.socket.maxQueuedBytes().toBytes());
		WebSocketServerProtocolConfig webSocket = WebSocketServerProtocolConfig.newBuilder()
			.websocketPath(this.properties.path())
			.checkStartsWith(true)
			.subprotocols("v12.stomp,v11.stomp,v10.stomp")
			.allowExtensions(false)
			.handshakeTimeoutMillis(10_000)
			// Frames up to twice the limit are read and refused with an ERROR frame, as
			// the
			// servlet endpoints do; larger ones close the connection with 1009.
			.decoderConfig(WebSocketDecoderConfig.newBuilder()
				.maxFramePayloadLength(2 * messageSizeLimit)
				.allowExtensions(false)
				.build())
			.build();
		ServerBootstrap bootstrap = new ServerBootstrap().group(this.acceptor, this.workers)
			.channel(NioServerSocketChannel.class)
			.option(ChannelOption.SO_BACKLOG, 4096)
			.childOption(ChannelOption.TCP_NODELAY, true)
			// Thread-cached pools: the fan-out allocates one small buffer per frame on
			// the I/O threads.
			.childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
			.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(maxQueued / 2, maxQueued))
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline()
						.addLast(new HttpServerCodec())
						.addLast(new HttpObjectAggregator(MAX_HANDSHAKE_BYTES))
						.addLast(UPGRADE_GUARD, guard)
						.addLast(new WebSocketServerProtocolHandler(webSocket))
						.addLast(new WebSocketFrameAggregator(2 * messageSizeLimit))
						.addLast(STOMP, new EdgeSession(EdgeServer.this.context));
				}
			});
		ChannelFuture bound = bootstrap.bind(new InetSocketAddress(this.properties.port())).awaitUninterruptibly();
		if (!bound.isSuccess()) {
			this.acceptor.shutdownGracefully(0, 0, TimeUnit.SECONDS);
			this.workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
			// With the edge on by default, a second node on one machine meets the first's
			// port: say which setting to change.
			throw new IllegalStateException("The Netty edge cannot listen on port " + this.properties.port() + " ("
					+ bound.cause().getMessage() + "): give each node on this machine its own "
					+ "warren.socket.edge.port (WARREN_SOCKET_EDGE_PORT), or set warren.socket.edge.enabled=false",
					bound.cause());
		}
		this.serverChannel = bound.channel();
		this.port = ((InetSocketAddress) this.serverChannel.localAddress()).getPort();
		this.running = true;
		logger.info("Netty edge listening on port {} at {}", this.port, this.properties.path());
	}

	@Override
	public void stop() {
		this.draining = true;
		int closing = 0;
		for (EdgeSession session : this.sessions.values()) {
			session.close(WebSocketCloseStatus.SERVICE_RESTART, RECONNECT);
			closing++;
		}
		CloseWait.untilClosed(this.sessions::size);
		logger.atInfo()
			.addKeyValue("sessions", closing)
			.addKeyValue("stillOpen", this.sessions.size())
			.log("Edge drained: sessions closed with 1012 (reconnect)");
		this.serverChannel.close().syncUninterruptibly();
		this.acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
		this.workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stopped with the servlet endpoints' drain, before the broker. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE;
	}

	void opened(EdgeSession session) {
		this.sessions.put(session.id(), session);
	}

	void closed(EdgeSession session) {
		this.sessions.remove(session.id(), session);
	}

	@Override
	public void overflowed(String sessionId, String reason) {
		EdgeSession session = this.sessions.get(sessionId);
		if (session != null) {
			logger.atWarn().addKeyValue("sessionId", sessionId).log("Closing flooding session: {}", reason);
			session.close(WebSocketCloseStatus.POLICY_VIOLATION, "too many frames waiting");
		}
	}

	@Override
	public void discarded(int frames) {
		// Inbound frames are never discarded: what a client sent runs before its close.
	}

}
