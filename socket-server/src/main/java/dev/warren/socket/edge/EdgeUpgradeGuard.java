package dev.warren.socket.edge;

import java.net.URI;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

import org.springframework.web.cors.CorsConfiguration;

/**
 * Checks a request before the WebSocket handshake: one that is not valid HTTP, or too
 * long, gets 400, 414 or 431; only the edge's paths are served (404 otherwise), only
 * WebSocket version 13 (426 with the version to use; RFC 6455, 4.4) with a well-formed
 * {@code Sec-WebSocket-Key} (400), not while the node drains (503), and only from an
 * allowed {@code Origin} (403), with the servlet endpoints' rules: the allow-list's
 * patterns, the same origin, or no {@code Origin} at all. Stateless, shared by all
 * connections; taken out of a connection's pipeline once it is upgraded. Every refusal is
 * an RFC 9457 problem ({@link UpgradeRefusal}).
 */
@Sharable
final class EdgeUpgradeGuard extends ChannelInboundHandlerAdapter {

	private final Set<String> paths;

	private final CorsConfiguration origins;

	private final BooleanSupplier draining;

	EdgeUpgradeGuard(Collection<String> paths, List<String> allowedOriginPatterns, BooleanSupplier draining) {
		this.paths = Set.copyOf(paths);
		this.origins = new CorsConfiguration();
		this.origins.setAllowedOriginPatterns(allowedOriginPatterns);
		this.draining = draining;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (!(msg instanceof FullHttpRequest request)) {
			ctx.fireChannelRead(msg);
			return;
		}
		UpgradeRefusal refusal = refusal(request);
		if (refusal != null) {
			request.release();
			FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, refusal.status(),
					Unpooled.wrappedBuffer(refusal.body()));
			response.headers().set(HttpHeaderNames.CONTENT_TYPE, UpgradeRefusal.CONTENT_TYPE);
			if (refusal == UpgradeRefusal.VERSION) {
				response.headers().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
			}
			response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
			ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
			return;
		}
		ctx.fireChannelRead(msg);
	}

	private UpgradeRefusal refusal(FullHttpRequest request) {
		if (request.decoderResult().isFailure()) {
			Throwable cause = request.decoderResult().cause();
			if (cause instanceof TooLongHttpLineException) {
				return UpgradeRefusal.URI_TOO_LONG;
			}
			return (cause instanceof TooLongHttpHeaderException) ? UpgradeRefusal.HEADERS_TOO_LARGE
					: UpgradeRefusal.MALFORMED;
		}
		if (!this.paths.contains(pathOf(request))) {
			return UpgradeRefusal.NOT_FOUND;
		}
		if (this.draining.getAsBoolean()) {
			return UpgradeRefusal.DRAINING;
		}
		if (!"13".equals(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
			return UpgradeRefusal.VERSION;
		}
		if (!isKey(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY))) {
			return UpgradeRefusal.KEY;
		}
		String origin = request.headers().get(HttpHeaderNames.ORIGIN);
		if (origin != null && !isSameOrigin(origin, request.headers().get(HttpHeaderNames.HOST))
				&& this.origins.checkOrigin(origin) == null) {
			return UpgradeRefusal.ORIGIN;
		}
		return null;
	}

	/**
	 * The path of a request, without its query.
	 * @param request the request
	 * @return the path
	 */
	static String pathOf(FullHttpRequest request) {
		String uri = request.uri();
		int query = uri.indexOf('?');
		return (query >= 0) ? uri.substring(0, query) : uri;
	}

	/** A {@code Sec-WebSocket-Key} is 16 random bytes in base64 (RFC 6455, 4.1). */
	private static boolean isKey(String key) {
		if (key == null || key.length() != 24) {
			return false;
		}
		try {
			return Base64.getDecoder().decode(key).length == 16;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static boolean isSameOrigin(String origin, String host) {
		if (host == null) {
			return false;
		}
		try {
			String authority = URI.create(origin).getRawAuthority();
			return host.equalsIgnoreCase(authority);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
