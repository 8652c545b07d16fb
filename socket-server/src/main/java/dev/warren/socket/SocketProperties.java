package dev.warren.socket;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import dev.warren.socket.stomp.StompHeaderLimits;

/**
 * socket-server tuning, bound from {@code warren.socket.*}; start-up fails when a value
 * is invalid.
 *
 * @param allowedOrigins origin patterns allowed to open a WebSocket; the same origin and
 * clients that send no {@code Origin} (server-side, mobile) are always allowed
 * @param heartbeatSend how often the server sends heart-beats to a client that asks for
 * them; {@code 0} disables
 * @param heartbeatReceive how often the server expects heart-beats from a client;
 * {@code 0} disables
 * @param maxQueuedMessages frames that may wait to be written to one session; one more
 * closes it as slow
 * @param maxQueuedBytes payload bytes that may wait to be written to one session; more
 * closes it as slow
 * @param sendTimeLimit how long writing one frame to a session may take before the
 * session is closed as slow
 * @param messageSizeLimit largest STOMP frame a client may send
 * @param frameBufferSize the container's buffer for an inbound WebSocket message on a
 * {@code /ws} session; a longer message reaches the STOMP decoder in parts, which it
 * joins up to {@code messageSizeLimit}. Allocated once per session, so it is kept small:
 * clients send only short control frames
 * @param ioBufferSize Tomcat's socket read and write buffers and its WebSocket frame
 * buffers, each allocated once per connection; an outbound message longer than this is
 * sent as several WebSocket fragments
 * @param nodeId this node's id, the suffix of its queue name; empty for the host name
 * plus a random suffix
 * @param defaultContentType {@code content-type} of messages published without one
 * @param permessageDeflate whether to accept a client's permessage-deflate offer; off
 * because compressing each small message once per session costs more CPU than it saves on
 * the wire
 * @param connectTimeout how long an upgraded WebSocket may go without a valid token, on
 * every way in (STOMP {@code CONNECT}, JSON {@code Connect} or upgrade header); then it
 * is refused as unauthorized and closed
 * @param maxSessionsPerClient connections one client may hold on this node at once; one
 * more is refused ({@code Too many connections})
 * @param maxSubscriptionsPerSession subscriptions one connection may hold, its private
 * channel included; one more is refused ({@code Too many subscriptions})
 * @param maxFrameHeaders headers a client's STOMP frame may carry
 * @param maxHeaderLength characters of one STOMP header, name and value together
 * @param maxPublishesPerSecond messages one client may publish a second on this node
 * ({@code SEND} to {@code /app/topics/<name>}, JSON {@code Publish}); one more is refused
 * @param publicUrl where clients reach this node ({@code wss://node-a.example.com/ws}),
 * announced to publisher-service, which can hand it out
 * ({@code warren.publisher.socket-url-strategy=least-loaded}); empty: not announced
 * @param awaitTopicRules whether the node refuses topic subscriptions, and reports itself
 * not ready, until publisher-service has sent it every topic rule; off only where no
 * publisher-service runs (a node tested alone)
 */
@Validated
@ConfigurationProperties("warren.socket")
public record SocketProperties(@DefaultValue( {
		"http://localhost:[*]", "http://127.0.0.1:[*]" }) @NotEmpty List<String> allowedOrigins,
		@DefaultValue("10s") @NotNull Duration heartbeatSend, @DefaultValue("10s") @NotNull Duration heartbeatReceive,
		@DefaultValue("1000") @Min(1) @Max(1_000_000) int maxQueuedMessages,
		@DefaultValue("8MB") @NotNull DataSize maxQueuedBytes, @DefaultValue("10s") @NotNull Duration sendTimeLimit,
		@DefaultValue("64KB") @NotNull DataSize messageSizeLimit,
		@DefaultValue("1KB") @NotNull DataSize frameBufferSize, @DefaultValue("2KB") @NotNull DataSize ioBufferSize,
		@DefaultValue("") @Pattern(regexp = "[A-Za-z0-9_.-]{0,100}") String nodeId,
		@DefaultValue("application/json") @NotBlank String defaultContentType,
		@DefaultValue("false") boolean permessageDeflate, @DefaultValue("10s") @NotNull Duration connectTimeout,
		@DefaultValue("32") @Min(1) int maxSessionsPerClient,
		@DefaultValue("1024") @Min(1) int maxSubscriptionsPerSession, @DefaultValue("32") @Min(8) int maxFrameHeaders,
		@DefaultValue("8192") @Min(256) int maxHeaderLength, @DefaultValue("10") @Min(1) int maxPublishesPerSecond,
		@DefaultValue("") String publicUrl, @DefaultValue("true") boolean awaitTopicRules){

	/**
	 * The header limits of STOMP frames from clients.
	 * @return the limits
	 */
	public StompHeaderLimits stompHeaderLimits() {
		return new StompHeaderLimits(this.maxFrameHeaders, this.maxHeaderLength);
	}

	/** Smallest inbound message part: a STOMP command line and a few headers. */
	private static final long MIN_FRAME_BUFFER = 256;

	/** Smallest I/O buffer: a WebSocket frame header plus a useful payload. */
	private static final long MIN_IO_BUFFER = 1024;

	public SocketProperties {
		requireInRange("frame-buffer-size", frameBufferSize, MIN_FRAME_BUFFER);
		requireInRange("io-buffer-size", ioBufferSize, MIN_IO_BUFFER);
		if (frameBufferSize != null && messageSizeLimit != null
				&& frameBufferSize.toBytes() > messageSizeLimit.toBytes()) {
			throw new IllegalArgumentException("warren.socket.frame-buffer-size (" + frameBufferSize
					+ ") must not exceed warren.socket.message-size-limit (" + messageSizeLimit + ")");
		}
	}

	private static void requireInRange(String name, DataSize size, long min) {
		if (size != null && (size.toBytes() < min || size.toBytes() > Integer.MAX_VALUE)) {
			throw new IllegalArgumentException(
					"warren.socket." + name + " must be between " + min + "B and 2GB, was " + size);
		}
	}

	/**
	 * The simple broker's heart-beat setting.
	 * @return {@code [send, receive]} in milliseconds
	 */
	public long[] heartbeat() {
		return new long[] { this.heartbeatSend.toMillis(), this.heartbeatReceive.toMillis() };
	}

}
