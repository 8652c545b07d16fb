package dev.warren.socket.json;

import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.warren.common.token.VerifiedToken;
import dev.warren.socket.edge.EdgeConnection;
import dev.warren.socket.edge.EdgeOutlet;
import dev.warren.socket.edge.EdgeProtocol;
import dev.warren.socket.hub.HubSession;
import dev.warren.socket.hub.Refusal;
import dev.warren.socket.hub.SubscriptionRules;
import dev.warren.socket.publish.ClientPublisher;

/**
 * One JSON session on the edge. Each frame is parsed and handled on the connection's
 * lane, in order and off the I/O thread, since {@code Connect} and {@code Subscribe} wait
 * for a RabbitMQ binding; a client flooding past the lane's bound is closed. A bad frame
 * is answered with an {@code error} frame and the connection kept; only a missing, bad or
 * expired token closes it, with 4401. Once connected, the session is subscribed to its
 * client's private channel, so private messages and broadcasts arrive without asking.
 */
final class JsonSession implements EdgeProtocol.Handler, EdgeOutlet.Transport {

	/** Close code of a connection without a valid token. */
	static final int UNAUTHORIZED_CLOSE = 4401;

	/** Close code of a connection the node cannot serve now: 1013 "try again later". */
	private static final int TRY_AGAIN_LATER = 1013;

	/** A connection past a limit of the node's (RFC 6455 1008, policy violation). */
	private static final int POLICY_VIOLATION = 1008;

	/** Subscription id of the private channel; topics are known by their names. */
	private static final String PRIVATE = "private";

	private static final Logger logger = LoggerFactory.getLogger(JsonSession.class);

	private final JsonProtocol protocol;

	private final EdgeConnection connection;

	/** Set once connected; written and read on the session's lane. */
	private HubSession session;

	private final ScheduledFuture<?> connectDeadline;

	JsonSession(JsonProtocol protocol, EdgeConnection connection, String headerToken) {
		this.protocol = protocol;
		this.connection = connection;
		if (headerToken != null) {
			this.connectDeadline = null;
			connection.inbound(() -> handled(() -> connect(null, headerToken, null)), 0);
		}
		else {
			this.connectDeadline = connection.loop()
				.schedule(() -> connection.inbound(this::noToken, 0), protocol.connectTimeout.toMillis(),
						TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public EdgeConnection connection() {
		return this.connection;
	}

	@Override
	public boolean isOpen() {
		return this.connection.isOpen();
	}

	@Override
	public void tokenExpired() {
		this.connection.inbound(() -> unauthorized(null, "token expired"), 0);
	}

	@Override
	public void received(ByteBuffer data) {
		byte[] frame = new byte[data.remaining()];
		data.get(frame);
		this.connection.inbound(() -> handled(() -> handle(frame)), frame.length);
	}

	@Override
	public void tooLarge() {
		this.connection.inbound(
				() -> error(null, "too_large", "a frame may have at most warren.socket.message-size-limit bytes"), 0);
	}

	@Override
	public void flooded() {
		this.connection.send(this.protocol.frames.error(null, "too_many_frames",
				"more than warren.socket.max-queued-messages frames waiting to be handled"));
		this.connection.close(POLICY_VIOLATION, "too many frames waiting");
	}

	@Override
	public void closed() {
		if (this.connectDeadline != null) {
			this.connectDeadline.cancel(false);
		}
		this.connection.inbound(() -> this.protocol.hub.disconnect(this.connection.id()), 0);
	}

	/** Runs on the lane with the session in the MDC. */
	private void handled(Runnable work) {
		if (this.connection.isClosing()) {
			return;
		}
		MDC.put("sessionId", this.connection.id());
		if (this.session != null) {
			MDC.put("clientId", this.session.clientId());
		}
		try {
			work.run();
		}
		finally {
			MDC.remove("sessionId");
			MDC.remove("clientId");
		}
	}

	private void handle(byte[] bytes) {
		JsonNode frame;
		try {
			frame = this.protocol.mapper.readTree(bytes);
		}
		catch (JacksonException ex) {
			error(null, "invalid_json", "a frame is one JSON object in UTF-8");
			return;
		}
		if (frame == null || !frame.isObject()) {
			error(null, "invalid_json", "a frame is one JSON object in UTF-8");
			return;
		}
		String requestId = text(frame, "request_id");
		String type = text(frame, "type");
		if (type == null) {
			error(requestId, "missing_field", "field 'type' (a string) is required");
			return;
		}
		switch (type) {
			case "Connect" -> {
				String token = text(frame, "token");
				if (token == null) {
					error(requestId, "missing_field", "field 'token' (a string) is required");
				}
				else {
					connect(requestId, token, text(frame, "since"));
				}
			}
			case "Subscribe" -> subscribe(requestId, frame);
			case "Unsubscribe" -> unsubscribe(requestId, frame);
			case "Publish" -> publish(requestId, frame);
			case "Refresh" -> refresh(requestId, text(frame, "token"));
			default -> error(requestId, "unknown_type",
					"type '" + abbreviated(type) + "' is not one of Connect, Subscribe, Unsubscribe, Publish, Refresh");
		}
	}

	private void connect(String requestId, String token, String since) {
		if (this.session != null) {
			error(requestId, "already_connected", "send Connect once per connection");
			return;
		}
		try {
			SubscriptionRules.position(since);
		}
		catch (Refusal refusal) {
			refused(requestId, refusal);
			return;
		}
		VerifiedToken verified;
		try {
			verified = this.protocol.authenticator.verify(token, this.connection.id());
			this.session = this.protocol.hub.connect(this.connection.id(), verified.clientId(), verified.expiresAt(),
					this, this.protocol.outlet, this.connection.loop());
			this.protocol.rules.subscribePrivate(this.session, PRIVATE, since);
		}
		catch (Refusal refusal) {
			if (refusal.reason() == Refusal.Reason.UNAUTHORIZED) {
				unauthorized(requestId, refusal.detail());
			}
			else {
				// No session: say why and close rather than keep a connection without
				// one; 1008 for a limit, 1013 "try again later" when the broker is away.
				this.protocol.hub.disconnect(this.connection.id());
				this.session = null;
				error(requestId, refusal.reason().code(), refusal.getMessage() + ": " + refusal.detail());
				if (refusal.reason() == Refusal.Reason.LIMIT) {
					this.connection.close(POLICY_VIOLATION, "too many connections");
				}
				else {
					this.connection.close(TRY_AGAIN_LATER, "broker unavailable");
				}
			}
			return;
		}
		if (this.connectDeadline != null) {
			this.connectDeadline.cancel(false);
		}
		MDC.put("clientId", verified.clientId());
		this.connection
			.send(this.protocol.frames.connected(requestId, verified.clientId(), verified.expiresAt().toEpochMilli()));
		long ping = this.protocol.properties.pingInterval().toMillis();
		this.connection.keepAlive(ping, null, 2 * ping, "no pong");
	}

	private void subscribe(String requestId, JsonNode frame) {
		String topic = topicOf(requestId, frame);
		if (topic == null) {
			return;
		}
		try {
			this.protocol.rules.subscribeTopic(this.connection.id(), topic, text(frame, "since"));
		}
		catch (Refusal refusal) {
			if (refusal.reason() != Refusal.Reason.DUPLICATE) {
				refused(requestId, refusal);
				return;
			}
			// Subscribing twice is asking for what is already in effect.
		}
		this.connection.send(this.protocol.frames.response(requestId, topic, true));
	}

	private void unsubscribe(String requestId, JsonNode frame) {
		String topic = topicOf(requestId, frame);
		if (topic == null) {
			return;
		}
		this.protocol.rules.unsubscribe(this.connection.id(), topic);
		this.connection.send(this.protocol.frames.response(requestId, topic, false));
	}

	/**
	 * Publishes {@code data} (as JSON) to the topic; the {@code response} once RabbitMQ
	 * confirmed it, an {@code error} when it did not. The connection stays either way.
	 */
	private void publish(String requestId, JsonNode frame) {
		String topic = topicOf(requestId, frame);
		if (topic == null) {
			return;
		}
		JsonNode data = frame.get("data");
		if (data == null) {
			error(requestId, "missing_field", "field 'data' (any JSON value) is required");
			return;
		}
		try {
			this.protocol.publisher
				.publish(this.connection.id(), topic, null, this.protocol.mapper.writeValueAsBytes(data))
				.whenComplete((id, failure) -> {
					if (failure != null) {
						refused(requestId, ClientPublisher.refusalOf(failure));
					}
					else {
						this.connection.send(this.protocol.frames.published(requestId, topic, id));
					}
				});
		}
		catch (Refusal refusal) {
			refused(requestId, refusal);
		}
	}

	/**
	 * Replaces the session's token with a fresh one of the same client; a token that does
	 * not verify, or names another client, closes the connection as on Connect.
	 */
	private void refresh(String requestId, String token) {
		if (this.session == null) {
			error(requestId, "not_connected", "send Connect with a token first");
			return;
		}
		if (token == null) {
			error(requestId, "missing_field", "field 'token' (a string) is required");
			return;
		}
		try {
			long expiresAt = this.protocol.refresh.refresh(this.connection.id(), token).toEpochMilli();
			this.connection.send(this.protocol.frames.refreshed(requestId, expiresAt));
		}
		catch (Refusal refusal) {
			if (refusal.reason() == Refusal.Reason.UNAUTHORIZED) {
				unauthorized(requestId, refusal.detail());
			}
			else {
				error(requestId, refusal.reason().code(), refusal.getMessage() + ": " + refusal.detail());
				this.connection.close(POLICY_VIOLATION, "forbidden token");
			}
		}
	}

	/** The frame's topic, or {@code null} after answering why there is none. */
	private String topicOf(String requestId, JsonNode frame) {
		if (this.session == null) {
			error(requestId, "not_connected", "send Connect with a token first");
			return null;
		}
		String topic = text(frame, "topic");
		if (topic == null) {
			error(requestId, "missing_field", "field 'topic' (a string) is required");
		}
		return topic;
	}

	private void refused(String requestId, Refusal refusal) {
		if (refusal.reason() == Refusal.Reason.UNAUTHORIZED) {
			unauthorized(requestId, refusal.detail());
		}
		else {
			error(requestId, refusal.reason().code(), refusal.getMessage() + ": " + refusal.detail());
		}
	}

	private void noToken() {
		if (this.session == null) {
			unauthorized(null, "no token within " + this.protocol.connectTimeout.toSeconds()
					+ " s (warren.socket.connect-timeout)");
		}
	}

	private void unauthorized(String requestId, String detail) {
		if (this.connection.isClosing()) {
			return;
		}
		logger.atInfo().addKeyValue("sessionId", this.connection.id()).log("JSON session refused: {}", detail);
		this.connection.send(this.protocol.frames.error(requestId, Refusal.Reason.UNAUTHORIZED.code(), detail));
		this.connection.close(UNAUTHORIZED_CLOSE, "unauthorized");
	}

	private void error(String requestId, String code, String message) {
		this.connection.send(this.protocol.frames.error(requestId, code, message));
	}

	private static String text(JsonNode frame, String field) {
		JsonNode value = frame.get(field);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	private static String abbreviated(String value) {
		return (value.length() > 40) ? value.substring(0, 40) + "…" : value;
	}

}
