package dev.warren.subclient.load;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;

/**
 * Opens the WebSocket connections of a load run on a few Netty I/O threads (no thread per
 * connection), at most {@code concurrency} upgrades and subscriptions in flight at a
 * time, then one at a time for the connections that replace others while the run goes on,
 * and closes them at the end.
 */
final class LoadClients implements AutoCloseable {

	private static final int MAX_MESSAGE_BYTES = 1 << 20;

	private static final PooledByteBufAllocator HEAP_BUFFERS = new PooledByteBufAllocator(false);

	private final EventLoopGroup group;

	private final boolean deflate;

	/** The WebSocket subprotocols to offer, {@code null} for none. */
	private final String subprotocols;

	private final List<InetSocketAddress> localAddresses;

	/** Open channels; a closed one leaves the set. */
	private final Set<Channel> channels = ConcurrentHashMap.newKeySet();

	/** Every connection the run opened, replaced ones included; guarded by itself. */
	private final List<LoadConnection> connections = new ArrayList<>();

	/**
	 * @param ioThreads Netty I/O threads
	 * @param deflate whether to offer permessage-deflate, as browsers do
	 * @param localAddresses source addresses to spread connections over (each gives ~28k
	 * ephemeral ports), empty for the system's choice
	 */
	LoadClients(int ioThreads, boolean deflate, List<String> localAddresses, String subprotocols) {
		this.subprotocols = subprotocols;
		this.group = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
		this.deflate = deflate;
		this.localAddresses = localAddresses.stream().map((host) -> new InetSocketAddress(host, 0)).toList();
	}

	/**
	 * Connects {@code count} clients and waits until each is subscribed or has failed.
	 * @param count number of clients
	 * @param urlOf the WebSocket URL of client {@code i}
	 * @param connectionOf the handler of client {@code i}
	 * @param concurrency how many may be connecting at once
	 * @param timeoutMillis how long to wait for all of them
	 * @param progress called about once a second while connecting
	 * @throws InterruptedException when interrupted while waiting
	 */
	void connect(int count, IntFunction<URI> urlOf, IntFunction<LoadConnection> connectionOf, int concurrency,
			long timeoutMillis, Runnable progress) throws InterruptedException {
		Semaphore inFlight = new Semaphore(concurrency);
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
		long nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
		List<CompletableFuture<Void>> all = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			while (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
				if (System.nanoTime() > deadline) {
					break;
				}
			}
			if (System.nanoTime() >= nextProgress) {
				progress.run();
				nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
			}
			LoadConnection connection = connectionOf.apply(i);
			add(connection);
			connection.ready.whenComplete((ok, failure) -> inFlight.release());
			all.add(connection.ready);
			open(urlOf.apply(i), connection, i);
		}
		CompletableFuture<Void> everyone = CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
		while (!everyone.isDone() && System.nanoTime() < deadline) {
			try {
				everyone.get(1, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				// progress below; failures are counted by each connection
			}
			progress.run();
		}
		for (LoadConnection connection : connections()) {
			connection.failed("not subscribed within " + timeoutMillis + " ms");
		}
	}

	/**
	 * Opens one more connection while the run goes on, without waiting for it.
	 * @param url its WebSocket URL
	 * @param connection its handler
	 * @param timeoutMillis how long it may take to subscribe before it counts as failed
	 * @return the connection
	 */
	LoadConnection open(URI url, LoadConnection connection, long timeoutMillis) {
		add(connection);
		open(url, connection, connection.client());
		CompletableFuture.delayedExecutor(timeoutMillis, TimeUnit.MILLISECONDS)
			.execute(() -> connection.failed("not subscribed within " + timeoutMillis + " ms"));
		return connection;
	}

	private void add(LoadConnection connection) {
		synchronized (this.connections) {
			this.connections.add(connection);
		}
	}

	private void open(URI url, LoadConnection connection, int index) {
		WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
			.webSocketUri(url)
			.subprotocol(this.subprotocols)
			.allowExtensions(this.deflate)
			.generateOriginHeader(false)
			.maxFramePayloadLength(MAX_MESSAGE_BYTES)
			.handshakeTimeoutMillis(30_000)
			// The load payload is ASCII and the scanner checks it; validating UTF-8 again
			// costs a pass over every byte.
			.withUTF8Validator(false)
			.build();
		Bootstrap bootstrap = new Bootstrap().group(this.group)
			.channel(NioSocketChannel.class)
			.option(ChannelOption.TCP_NODELAY, true)
			// Heap buffers: byte-wise scanning of direct buffers goes through
			// bounds-checked
			// ByteBuffer access on recent JDKs and costs several times more.
			.option(ChannelOption.ALLOCATOR, HEAP_BUFFERS)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
			.handler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192));
					if (LoadClients.this.deflate) {
						channel.pipeline().addLast(new WebSocketClientCompressionHandler(0));
					}
					channel.pipeline()
						.addLast(new WebSocketClientProtocolHandler(config),
								new WebSocketFrameAggregator(MAX_MESSAGE_BYTES), connection);
				}
			});
		InetSocketAddress remote = new InetSocketAddress(url.getHost(), url.getPort());
		ChannelFuture future = this.localAddresses.isEmpty() ? bootstrap.connect(remote)
				: bootstrap.connect(remote, this.localAddresses.get(index % this.localAddresses.size()));
		Channel channel = future.channel();
		connection.bind(channel);
		this.channels.add(channel);
		channel.closeFuture().addListener((closed) -> this.channels.remove(channel));
		future.addListener((ChannelFuture done) -> {
			if (!done.isSuccess()) {
				connection.failed(String.valueOf(done.cause()));
			}
		});
	}

	/**
	 * @return every connection opened so far, in the order they were opened
	 */
	List<LoadConnection> connections() {
		synchronized (this.connections) {
			return List.copyOf(this.connections);
		}
	}

	@Override
	public void close() {
		for (LoadConnection connection : connections()) {
			connection.closing();
		}
		for (Channel channel : this.channels) {
			channel.close();
		}
		this.group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
	}

}
