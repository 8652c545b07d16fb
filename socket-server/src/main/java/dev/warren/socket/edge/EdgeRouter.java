package dev.warren.socket.edge;

import java.util.Map;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * Gives an upgrade request that passed the {@link EdgeUpgradeGuard} the WebSocket
 * handlers of its path's protocol and an {@link EdgeConnection}, then takes itself and
 * the guard out of the pipeline. One per connection.
 */
final class EdgeRouter extends ChannelInboundHandlerAdapter {

	private final EdgeServer server;

	private final Map<String, Route> routes;

	EdgeRouter(EdgeServer server, Map<String, Route> routes) {
		this.server = server;
		this.routes = routes;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof FullHttpRequest request) {
			Route route = this.routes.get(EdgeUpgradeGuard.pathOf(request));
			if (route != null) {
				EdgeConnection connection = new EdgeConnection(this.server, route.protocol());
				ctx.pipeline()
					.addAfter(ctx.name(), "frame-errors", new FrameErrors(connection))
					.addAfter("frame-errors", "websocket", new WebSocketServerProtocolHandler(route.config()))
					.addAfter("websocket", "aggregator", new WebSocketFrameAggregator(route.maxMessageBytes()))
					.addAfter("aggregator", "connection", connection);
				ctx.pipeline().remove(EdgeServer.UPGRADE_GUARD);
				ctx.fireChannelRead(msg);
				ctx.pipeline().remove(this);
				return;
			}
		}
		ctx.fireChannelRead(msg);
	}

	/**
	 * Hands a frame the WebSocket decoder could not take (longer than the limit, or
	 * malformed) to the connection, whose protocol answers it before the close. Placed in
	 * front of Netty's protocol handler, which would otherwise close the connection at
	 * once, before the answer is written.
	 */
	private static final class FrameErrors extends ChannelInboundHandlerAdapter {

		private final EdgeConnection connection;

		FrameErrors(EdgeConnection connection) {
			this.connection = connection;
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
			if (cause instanceof CorruptedWebSocketFrameException) {
				this.connection.exceptionCaught(ctx, cause);
			}
			else {
				ctx.fireExceptionCaught(cause);
			}
		}

	}

	/**
	 * What a path is served with.
	 *
	 * @param protocol the protocol
	 * @param config its WebSocket settings
	 * @param maxMessageBytes the longest message read, joined from its fragments
	 */
	record Route(EdgeProtocol protocol, WebSocketServerProtocolConfig config, int maxMessageBytes) {
	}

}
