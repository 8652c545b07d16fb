package dev.warren.socket.edge;

import java.nio.charset.StandardCharsets;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Why the edge answers an HTTP request instead of upgrading it, each an RFC 9457 problem
 * ({@code application/problem+json}) whose bytes are built once.
 */
enum UpgradeRefusal {

	/** The request could not be read as HTTP. */
	MALFORMED(HttpResponseStatus.BAD_REQUEST, "The request is not valid HTTP."),

	/** The request line is longer than the edge reads. */
	URI_TOO_LONG(HttpResponseStatus.REQUEST_URI_TOO_LONG, "The request line is longer than 4096 bytes."),

	/** The headers are larger than the edge reads. */
	HEADERS_TOO_LARGE(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "The request headers exceed 8192 bytes."),

	/** Not one of the edge's WebSocket paths. */
	NOT_FOUND(HttpResponseStatus.NOT_FOUND, "No WebSocket endpoint at this path."),

	/** The node drains; the client should connect again, to another node. */
	DRAINING(HttpResponseStatus.SERVICE_UNAVAILABLE, "This node is draining: connect again."),

	/** Not WebSocket version 13 (RFC 6455, 4.4). */
	VERSION(HttpResponseStatus.UPGRADE_REQUIRED, "A WebSocket upgrade with Sec-WebSocket-Version 13 is required."),

	/** A {@code Sec-WebSocket-Key} that is not 16 bytes in base64. */
	KEY(HttpResponseStatus.BAD_REQUEST, "Sec-WebSocket-Key must be 16 bytes in base64."),

	/** An {@code Origin} the allow-list does not match. */
	ORIGIN(HttpResponseStatus.FORBIDDEN, "This Origin is not allowed (warren.socket.allowed-origins).");

	/** The body's content type. */
	static final String CONTENT_TYPE = "application/problem+json";

	private final HttpResponseStatus status;

	private final byte[] body;

	UpgradeRefusal(HttpResponseStatus status, String detail) {
		this.status = status;
		// The detail is a constant without quotes or backslashes: no escaping needed.
		this.body = ("{\"title\":\"" + status.reasonPhrase() + "\",\"status\":" + status.code() + ",\"detail\":\""
				+ detail + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

	HttpResponseStatus status() {
		return this.status;
	}

	byte[] body() {
		return this.body;
	}

}
