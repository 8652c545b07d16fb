package dev.warren.socket.edge;

import java.net.InetSocketAddress;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Netty edge, bound from {@code warren.socket.edge.*}: STOMP over plain WebSocket
 * served by Netty on a port of its own, beside the servlet container's {@code /ws} and
 * {@code /sockjs}. It holds an idle connection in a few kilobytes and encodes each
 * message once for all its subscribers, so it is the way in clients are pointed at by
 * default; the servlet endpoints remain for SockJS and permessage-deflate.
 *
 * @param enabled whether the node serves the edge (it does unless told otherwise)
 * @param port the edge's TCP port; {@code 0} picks a free one
 * @param path the WebSocket path on that port
 * @param eventLoopThreads threads doing the edge's network I/O; {@code 0} for one per
 * core
 * @param upgradeTimeout how long a connection may take from being accepted to a completed
 * WebSocket upgrade; one that never sends its request, or trickles it in, is closed after
 * this
 * @param closeTimeout how long the edge waits, after its close frame, for the client's
 * before it closes the socket: long enough for the client to read an ERROR frame even
 * while it is still sending
 * @param address the local address to listen on; empty for every interface (the embedded
 * mode's {@code ./warren} sets {@code 127.0.0.1})
 */
@Validated
@ConfigurationProperties("warren.socket.edge")
public record EdgeProperties(@DefaultValue("true") boolean enabled, @DefaultValue("8091") @Min(0) @Max(65535) int port,
		@DefaultValue("/ws") @Pattern(regexp = "/[A-Za-z0-9_./-]*") String path,
		@DefaultValue("0") @Min(0) @Max(256) int eventLoopThreads,
		@DefaultValue("10s") @NotNull Duration upgradeTimeout, @DefaultValue("2s") @NotNull Duration closeTimeout,
		@DefaultValue("") String address) {

	/**
	 * Where the edge listens.
	 * @return the address and port to bind
	 */
	public InetSocketAddress bindAddress() {
		return (this.address == null || this.address.isBlank()) ? new InetSocketAddress(this.port)
				: new InetSocketAddress(this.address, this.port);
	}

	/**
	 * The number of I/O threads to start.
	 * @return {@link #eventLoopThreads()}, or the number of cores when it is 0
	 */
	public int ioThreads() {
		return (this.eventLoopThreads > 0) ? this.eventLoopThreads : Runtime.getRuntime().availableProcessors();
	}

}
