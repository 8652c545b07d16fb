package dev.warren.socket.stomp;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.util.MimeType;

import dev.warren.common.token.VerifiedToken;
import dev.warren.common.WarrenNames;
import dev.warren.socket.auth.ConnectAuthenticator;
import dev.warren.socket.auth.TokenRefresh;
import dev.warren.socket.edge.EdgeConnection;
import dev.warren.socket.edge.EdgeOutlet;
import dev.warren.socket.edge.EdgeProtocol;
import dev.warren.socket.hub.Position;
import dev.warren.socket.hub.SubscriptionRules;
import dev.warren.socket.hub.HubSession;
import dev.warren.socket.hub.Refusal;
import dev.warren.socket.hub.SubscriptionRules;
import dev.warren.socket.publish.ClientPublisher;

/**
 * One STOMP session on the edge. Frames are decoded on the connection's I/O thread and
 * handled on its lane, in order and off the I/O thread, since CONNECT and SUBSCRIBE wait
 * for a RabbitMQ binding. Deliveries reach the connection through the hub and the
 * protocol's outlet, not through here. Every refusal is an ERROR frame followed by a
 * close.
 */
final class StompEdgeSession implements EdgeProtocol.Handler, EdgeOutlet.Transport {

	private static final Logger logger = LoggerFactory.getLogger(StompEdgeSession.class);

	/** A client that sends nothing for this many of its heart-beat periods is gone. */
	private static final int HEARTBEAT_MISSES = 3;

	private final StompEdgeProtocol protocol;

	private final EdgeConnection connection;

	/** The start of a frame whose end has not arrived; I/O thread only. */
	private byte[] partial;

	/** Set once CONNECT succeeded; written and read on the session's lane. */
	private HubSession session;

	private volatile boolean refused;

	/** Refuses the connection unless CONNECT succeeded by then. */
	private final ScheduledFuture<?> connectDeadline;

	StompEdgeSession(StompEdgeProtocol protocol, EdgeConnection connection) {
		this.protocol = protocol;
		this.connection = connection;
		this.connectDeadline = connection.loop()
			.schedule(() -> connection.inbound(this::noConnect, 0), protocol.connectTimeout.toMillis(),
					TimeUnit.MILLISECONDS);
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
		this.connection.inbound(() -> refuse(Refusal.unauthorized("token expired"), null), 0);
	}

	@Override
	public void received(ByteBuffer data) {
		if (this.refused) {
			return;
		}
		int waiting = (this.partial != null) ? this.partial.length : 0;
		if (waiting + data.remaining() > this.protocol.messageSizeLimit) {
			tooLarge();
			return;
		}
		ByteBuffer buffer = data;
		if (this.partial != null) {
			buffer = ByteBuffer.allocate(waiting + data.remaining()).put(this.partial).put(data).flip();
			this.partial = null;
		}
		List<Message<byte[]>> frames;
		try {
			frames = this.protocol.codec.decode(buffer);
		}
		catch (Refusal refusal) {
			refuseNow(refusal);
			return;
		}
		catch (RuntimeException ex) {
			// Spring's decoder fails with several exception types (an unknown command is
			// an IllegalArgumentException naming an enum); the client gets a plain
			// reason.
			refuseNow(StompErrors.invalid("Invalid STOMP frame", StompErrors.NOT_STOMP));
			return;
		}
		if (buffer.hasRemaining()) {
			this.partial = new byte[buffer.remaining()];
			buffer.get(this.partial);
			if (StompCodec.declaredContentLength(this.partial) > this.protocol.messageSizeLimit) {
				tooLarge();
				return;
			}
		}
		for (Message<byte[]> frame : frames) {
			StompHeaderAccessor headers = MessageHeaderAccessor.getAccessor(frame, StompHeaderAccessor.class);
			if (headers != null && !headers.isHeartbeat() && headers.getCommand() != null) {
				this.connection.inbound(() -> handle(headers, frame.getPayload()), frame.getPayload().length);
			}
		}
	}

	@Override
	public void tooLarge() {
		refuseNow(StompErrors.tooLarge());
	}

	@Override
	public void flooded() {
		this.refused = true;
		this.connection.send(this.protocol.codec.error(StompErrors.invalid("Too many frames",
				"more than warren.socket.max-queued-messages frames waiting to be handled"), null));
		this.connection.close(WebSocketCloseStatus.POLICY_VIOLATION.code(), "too many frames waiting");
	}

	@Override
	public void closed() {
		this.connectDeadline.cancel(false);
		this.partial = null;
		this.connection.inbound(this::forget, 0);
	}

	/** One client frame, on the session's lane, with the session in the MDC. */
	private void handle(StompHeaderAccessor frame, byte[] body) {
		if (this.refused) {
			return;
		}
		MDC.put("sessionId", this.connection.id());
		if (this.session != null) {
			MDC.put("clientId", this.session.clientId());
		}
		try {
			switch (frame.getCommand()) {
				case CONNECT, STOMP -> connect(frame);
				case SUBSCRIBE -> subscribe(frame);
				case UNSUBSCRIBE -> unsubscribe(frame);
				case DISCONNECT -> disconnect(frame);
				case SEND -> send(frame, body);
				// ACK, NACK and transactions mean nothing for a receive-only client.
				default -> {
					requireConnected();
					receipt(frame);
				}
			}
		}
		catch (Refusal refusal) {
			refuse(refusal, frame);
		}
		catch (IllegalArgumentException ex) {
			// A header Spring's accessor cannot read, e.g. a heart-beat that is no pair
			// of
			// numbers.
			refuse(StompErrors.invalid("Invalid STOMP frame", "malformed header: " + headerProblem(ex)), frame);
		}
		finally {
			MDC.remove("sessionId");
			MDC.remove("clientId");
		}
	}

	private void connect(StompHeaderAccessor frame) {
		if (this.session != null) {
			throw StompErrors.invalid("Already connected", "send CONNECT once per connection");
		}
		String version = StompErrors.negotiate(frame);
		long[] client = frame.getHeartbeat();
		VerifiedToken token = this.protocol.authenticator.verify(ConnectAuthenticator.tokenOf(frame),
				this.connection.id());
		Position since = SubscriptionRules.position(frame.getFirstNativeHeader(WarrenNames.SINCE_HEADER));
		this.session = this.protocol.hub.connect(this.connection.id(), token.clientId(), token.expiresAt(), this,
				this.protocol.outlet, this.connection.loop());
		SubscriptionRules.resumePrivateFrom(this.session, since);
		MDC.put("clientId", token.clientId());
		StompCodec codec = this.protocol.codec;
		long send = StompCodec.interval(codec.heartbeatSend(), client[1]);
		long receive = StompCodec.interval(codec.heartbeatReceive(), client[0]);
		this.connectDeadline.cancel(false);
		this.connection.send(codec.connected(version, token.clientId()));
		this.connection.keepAlive(send, StompCodec.heartbeat(), receive * HEARTBEAT_MISSES, "no heart-beat");
	}

	private void subscribe(StompHeaderAccessor frame) {
		requireConnected();
		this.protocol.rules.subscribe(this.connection.id(), this.session.clientId(), frame.getDestination(),
				frame.getSubscriptionId(), frame.getFirstNativeHeader(WarrenNames.SINCE_HEADER));
		receipt(frame);
	}

	/**
	 * Publishes to {@code /app/topics/<name>}; the RECEIPT (with the message's
	 * {@code warren-id}) once RabbitMQ confirmed it, an ERROR when it did not.
	 */
	private void send(StompHeaderAccessor frame, byte[] body) {
		requireConnected();
		if (TokenRefresh.DESTINATION.equals(frame.getDestination())) {
			Instant expiresAt = this.protocol.refresh.refresh(this.connection.id(), TokenRefresh.tokenOf(body));
			String receipt = frame.getReceipt();
			if (receipt != null) {
				this.connection.send(this.protocol.codec.refreshed(receipt, expiresAt));
			}
			return;
		}
		String topic = ClientPublisher.topicOf(frame.getDestination());
		MimeType contentType = frame.getContentType();
		String receipt = frame.getReceipt();
		this.protocol.publisher
			.publish(this.connection.id(), topic, (contentType != null) ? contentType.toString() : null, body)
			.whenComplete((id, failure) -> {
				if (failure != null) {
					this.connection.inbound(() -> refuse(ClientPublisher.refusalOf(failure), frame), 0);
				}
				else if (receipt != null) {
					this.connection.send(this.protocol.codec.receipt(receipt, id));
				}
			});
	}

	private void unsubscribe(StompHeaderAccessor frame) {
		requireConnected();
		this.protocol.rules.unsubscribe(this.connection.id(), frame.getSubscriptionId());
		receipt(frame);
	}

	private void disconnect(StompHeaderAccessor frame) {
		forget();
		receipt(frame);
		this.connection.close(WebSocketCloseStatus.NORMAL_CLOSURE.code(), null);
	}

	/** Releases the session's registrations; on its lane. */
	private void forget() {
		this.protocol.hub.disconnect(this.connection.id());
	}

	private void noConnect() {
		if (this.session == null) {
			refuse(Refusal.unauthorized("no CONNECT within " + this.protocol.connectTimeout.toSeconds()
					+ " s (warren.socket.connect-timeout)"), null);
		}
	}

	private void requireConnected() {
		if (this.session == null) {
			throw Refusal.unauthorized("not connected");
		}
	}

	private void receipt(StompHeaderAccessor frame) {
		String receipt = frame.getReceipt();
		if (receipt != null) {
			this.connection.send(this.protocol.codec.receipt(receipt));
		}
	}

	/** Refuses from the I/O thread: the ERROR goes out after what the lane still does. */
	private void refuseNow(Refusal refusal) {
		this.refused = true;
		this.connection.inbound(() -> refuse(refusal, null), 0);
	}

	/** Sends the refusal as an ERROR frame, then closes the connection; on the lane. */
	private void refuse(Refusal refusal, StompHeaderAccessor frame) {
		if (this.connection.isClosing()) {
			return;
		}
		this.refused = true;
		logger.atInfo()
			.addKeyValue("sessionId", this.connection.id())
			.log("STOMP frame refused: {} ({})", refusal.getMessage(), refusal.detail());
		this.connection.send(this.protocol.codec.error(refusal, frame));
		this.connection.close(WebSocketCloseStatus.PROTOCOL_ERROR.code(), null);
	}

	private static String headerProblem(IllegalArgumentException ex) {
		return (ex instanceof NumberFormatException) ? "a number was expected" : "unreadable value";
	}

}
