package dev.warren.socket.edge;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import dev.warren.socket.SocketProperties;
import dev.warren.socket.drain.NodeDrain;
import dev.warren.socket.drain.WayIn;
import dev.warren.socket.lane.LaneLimits;
import dev.warren.socket.lane.LaneOverflowListener;
import dev.warren.socket.lane.SessionOrderedExecutor;
import dev.warren.socket.lane.SlowSessionMeters;

/**
 * The Netty edge's server: accepts connections on {@code warren.socket.edge.port}, and
 * upgrades requests to the path of one of its {@link EdgeProtocol}s to WebSocket
 * (permessage-deflate never negotiated), each with an {@link EdgeConnection}.
 * <p>
 * A connection holds no buffer while it is idle: Netty reads into pooled buffers and
 * returns them after each read, and writes leave nothing behind once flushed. While the
 * node drains, new handshakes get 503; the drain closes every connection with 1012 before
 * this server's threads stop.
 */
public final class EdgeServer implements SmartLifecycle, LaneOverflowListener, WayIn {

	static final String UPGRADE_GUARD = "upgrade-guard";

	private static final Logger logger = LoggerFactory.getLogger(EdgeServer.class);

	/** The handshake request has no body; its headers are all that is aggregated. */
	private static final int MAX_HANDSHAKE_BYTES = 16 * 1024;

	private final EdgeProperties properties;

	private final SocketProperties socket;

	private final List<EdgeProtocol> protocols;

	private final BooleanSupplier draining;

	private final SlowSessionMeters slowMeters;

	private final SessionOrderedExecutor inbound;

	private final int messageSizeLimit;

	private final ConcurrentHashMap<String, EdgeConnection> connections = new ConcurrentHashMap<>();

	private EventLoopGroup acceptor;

	private EventLoopGroup workers;

	private Channel serverChannel;

	private volatile int port = -1;

	private volatile boolean running;

	/**
	 * Creates the server.
	 * @param properties the edge's settings
	 * @param socket the node's limits
	 * @param protocols what is served, one path each
	 * @param inboundPool threads for the connections' lanes
	 * @param draining whether the node drains
	 * @param slowMeters counts slow connections closed
	 */
	public EdgeServer(EdgeProperties properties, SocketProperties socket, List<EdgeProtocol> protocols,
			Executor inboundPool, BooleanSupplier draining, SlowSessionMeters slowMeters) {
		this.properties = properties;
		this.socket = socket;
		this.protocols = List.copyOf(protocols);
		this.draining = draining;
		this.slowMeters = slowMeters;
		this.messageSizeLimit = (int) socket.messageSizeLimit().toBytes();
		this.inbound = new SessionOrderedExecutor(inboundPool,
				new LaneLimits(socket.maxQueuedMessages(), socket.maxQueuedBytes().toBytes(), Duration.ZERO, false),
				this, System::nanoTime);
	}

	/**
	 * The port the edge listens on.
	 * @return the port, {@code -1} before it started
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Number of open WebSocket connections on the edge, every protocol together.
	 * @return the count
	 */
	@Override
	public int size() {
		return this.connections.size();
	}

	int messageSizeLimit() {
		return this.messageSizeLimit;
	}

	SessionOrderedExecutor inbound() {
		return this.inbound;
	}

	@Override
	public void start() {
		this.acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("warren-edge-accept"),
				NioIoHandler.newFactory());
		this.workers = new MultiThreadIoEventLoopGroup(this.properties.ioThreads(),
				new DefaultThreadFactory("warren-edge-io"), NioIoHandler.newFactory());
		Map<String, EdgeRouter.Route> routes = routes();
		EdgeUpgradeGuard guard = new EdgeUpgradeGuard(routes.keySet(), this.socket.allowedOrigins(), this.draining);
		int maxQueued = (int) Math.min(Integer.MAX_VALUE, this.socket.maxQueuedBytes().toBytes());
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
					// A connection that has not upgraded by then (it never sent its
					// request,
					// or trickles it in) is closed.
					channel.eventLoop()
						.schedule(() -> closeUnlessUpgraded(channel),
								EdgeServer.this.properties.upgradeTimeout().toMillis(), TimeUnit.MILLISECONDS);
					channel.pipeline()
						.addLast(new HttpServerCodec())
						.addLast(new HttpObjectAggregator(MAX_HANDSHAKE_BYTES))
						.addLast(UPGRADE_GUARD, guard)
						.addLast(new EdgeRouter(EdgeServer.this, routes));
				}
			});
		ChannelFuture bound = bootstrap.bind(this.properties.bindAddress()).awaitUninterruptibly();
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
		logger.info("Netty edge listening on port {} at {}", this.port, routes.keySet());
	}

	/**
	 * Each protocol's WebSocket settings. Frames up to twice the message limit are read
	 * and refused by the protocol (an ERROR frame, an error message); larger ones close
	 * the connection with 1009.
	 */
	private Map<String, EdgeRouter.Route> routes() {
		Map<String, EdgeRouter.Route> routes = new LinkedHashMap<>();
		for (EdgeProtocol protocol : this.protocols) {
			WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
				.websocketPath(protocol.path())
				.checkStartsWith(true)
				.subprotocols(protocol.subprotocols())
				.allowExtensions(false)
				.handshakeTimeoutMillis(this.properties.upgradeTimeout().toMillis())
				// After the edge's close frame, the client's is awaited this long,
				// reading
				// and dropping what the client still sends, so that an ERROR written just
				// before is read rather than lost to a reset.
				.forceCloseTimeoutMillis(this.properties.closeTimeout().toMillis())
				.decoderConfig(WebSocketDecoderConfig.newBuilder()
					.maxFramePayloadLength(2 * this.messageSizeLimit)
					.allowExtensions(false)
					// A frame over the limit reaches the protocol, which answers it.
					.closeOnProtocolViolation(false)
					.build())
				.build();
			routes.put(protocol.path(), new EdgeRouter.Route(protocol, config, 2 * this.messageSizeLimit));
		}
		return routes;
	}

	private static void closeUnlessUpgraded(Channel channel) {
		if (channel.isActive() && channel.pipeline().get(EdgeConnection.class) == null) {
			channel.close();
		}
	}

	/**
	 * The edge's settings.
	 * @return the properties
	 */
	EdgeProperties properties() {
		return this.properties;
	}

	/**
	 * Stops the I/O threads after the node's drain closed the connections; a connection
	 * still open (a server stopped without the drain) is drained here first.
	 */
	@Override
	public void stop() {
		if (!this.connections.isEmpty()) {
			WayIn.drain(this);
		}
		this.serverChannel.close().syncUninterruptibly();
		this.acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
		this.workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** After the drain: the connections are closed while the I/O threads still run. */
	@Override
	public int getPhase() {
		return NodeDrain.AFTER_DRAIN_PHASE;
	}

	@Override
	public int closeAll(int code, String reason) {
		int closing = 0;
		for (EdgeConnection connection : this.connections.values()) {
			connection.close(code, reason);
			closing++;
		}
		return closing;
	}

	void opened(EdgeConnection connection) {
		this.connections.put(connection.id(), connection);
		this.inbound.open(connection.id());
	}

	void closed(EdgeConnection connection) {
		this.inbound.ended(connection.id());
		this.connections.remove(connection.id(), connection);
	}

	/**
	 * A connection's unwritten frames passed the byte bound: it is closed at once, and
	 * the frame that did not fit is dropped.
	 */
	void slow(EdgeConnection connection) {
		this.slowMeters.discarded(1);
		if (!connection.isClosing()) {
			this.slowMeters.closed(connection.id(), "more than warren.socket.max-queued-bytes waiting");
			logger.atWarn()
				.addKeyValue("sessionId", connection.id())
				.log("Closing slow session: more than warren.socket.max-queued-bytes waiting");
			connection.abort();
		}
	}

	@Override
	public void overflowed(String sessionId, String reason) {
		EdgeConnection connection = this.connections.get(sessionId);
		if (connection != null) {
			logger.atWarn().addKeyValue("sessionId", sessionId).log("Closing flooding session: {}", reason);
			connection.flooded();
		}
	}

	@Override
	public void discarded(int frames) {
		// Inbound frames are never discarded: what a client sent runs before its close.
	}

}
