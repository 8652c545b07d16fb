package dev.warren.socket.stomp;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;

import dev.warren.common.WarrenNames;
import dev.warren.socket.auth.TokenRefresh;
import dev.warren.socket.hub.Refusal;

/**
 * The STOMP codec of the edge's sessions for everything but MESSAGE frames: Spring's
 * {@link StompDecoder} for client frames and {@link StompEncoder} for CONNECTED, RECEIPT
 * and ERROR, so both STOMP ways in of a node speak exactly the same STOMP. Client frames
 * are few and small; the per-message path does not come here.
 */
public final class StompCodec {

	private static final byte[] NO_BODY = new byte[0];

	private static final byte[] EOL = { '\n' };

	private final StompDecoder decoder = new StompDecoder();

	private final StompEncoder encoder = new StompEncoder();

	private final long heartbeatSend;

	private final long heartbeatReceive;

	private final StompHeaderLimits headerLimits;

	/**
	 * Creates the codec.
	 * @param heartbeatSend the server's heart-beat send interval in ms, 0 for none
	 * @param heartbeatReceive the server's expected receive interval in ms, 0 for none
	 * @param headerLimits how many and how long headers a client's frame may carry
	 */
	public StompCodec(long heartbeatSend, long heartbeatReceive, StompHeaderLimits headerLimits) {
		this.heartbeatSend = heartbeatSend;
		this.heartbeatReceive = heartbeatReceive;
		this.headerLimits = headerLimits;
	}

	long heartbeatSend() {
		return this.heartbeatSend;
	}

	long heartbeatReceive() {
		return this.heartbeatReceive;
	}

	/**
	 * Decodes the complete frames in {@code buffer}; its position is left at the start of
	 * an incomplete one.
	 * @throws Refusal when a frame carries too many or too long headers
	 */
	List<Message<byte[]>> decode(ByteBuffer buffer) {
		List<Message<byte[]>> frames = this.decoder.decode(buffer);
		for (Message<byte[]> frame : frames) {
			this.headerLimits.check(frame);
		}
		return frames;
	}

	byte[] connected(String version, String clientId) {
		StompHeaderAccessor connected = StompHeaderAccessor.create(StompCommand.CONNECTED);
		if (!"1.0".equals(version)) {
			connected.setVersion(version);
		}
		connected.setHeartbeat(this.heartbeatSend, this.heartbeatReceive);
		connected.setNativeHeader("user-name", clientId);
		return encode(connected, NO_BODY);
	}

	byte[] receipt(String receiptId) {
		return receipt(receiptId, null);
	}

	/**
	 * A RECEIPT, with the {@code warren-id} of the message a {@code SEND} published.
	 * @param receiptId the frame's {@code receipt}
	 * @param warrenId the message's id, or {@code null}
	 * @return the frame
	 */
	byte[] receipt(String receiptId, String warrenId) {
		StompHeaderAccessor receipt = StompHeaderAccessor.create(StompCommand.RECEIPT);
		receipt.setReceiptId(receiptId);
		if (warrenId != null) {
			receipt.setNativeHeader(WarrenNames.ID_HEADER, warrenId);
		}
		return encode(receipt, NO_BODY);
	}

	/**
	 * The RECEIPT of a token refresh, with when the session expires now.
	 * @param receiptId the frame's {@code receipt}
	 * @param expiresAt the session's new expiry
	 * @return the frame
	 */
	byte[] refreshed(String receiptId, Instant expiresAt) {
		StompHeaderAccessor receipt = StompHeaderAccessor.create(StompCommand.RECEIPT);
		receipt.setReceiptId(receiptId);
		receipt.setNativeHeader(TokenRefresh.EXPIRES_AT_HEADER, Long.toString(expiresAt.toEpochMilli()));
		return encode(receipt, NO_BODY);
	}

	byte[] error(Refusal refusal, StompHeaderAccessor clientFrame) {
		return this.encoder.encode(StompErrors.errorFrame(refusal, clientFrame));
	}

	private byte[] encode(StompHeaderAccessor headers, byte[] body) {
		return this.encoder.encode(MessageBuilder.createMessage(body, headers.getMessageHeaders()));
	}

	/**
	 * The {@code content-length} an incomplete frame declares, once its headers are
	 * complete, so that a frame that can never fit is refused before its body arrives.
	 * @param frame the start of a frame
	 * @return the declared length, or -1 when the headers are incomplete or declare none
	 */
	static long declaredContentLength(byte[] frame) {
		int headersEnd = -1;
		for (int i = 0; i + 1 < frame.length; i++) {
			if (frame[i] == '\n' && (frame[i + 1] == '\n'
					|| (frame[i + 1] == '\r' && i + 2 < frame.length && frame[i + 2] == '\n'))) {
				headersEnd = i;
				break;
			}
		}
		if (headersEnd < 0) {
			return -1;
		}
		String headers = new String(frame, 0, headersEnd, java.nio.charset.StandardCharsets.UTF_8);
		for (String line : headers.split("\r?\n")) {
			if (line.startsWith("content-length:")) {
				String value = line.substring("content-length:".length()).trim();
				return (value.matches("\\d{1,18}")) ? Long.parseLong(value) : -1;
			}
		}
		return -1;
	}

	/** A heart-beat: one end-of-line. */
	static byte[] heartbeat() {
		return EOL;
	}

	/**
	 * The STOMP version to answer a CONNECT with: the highest one both sides speak.
	 * @param accepted the client's {@code accept-version}, empty or {@code null} for 1.0
	 * @return {@code 1.2}, {@code 1.1} or {@code 1.0}, or {@code null} when none fits
	 */
	static String version(Set<String> accepted) {
		if (accepted == null || accepted.isEmpty()) {
			return "1.0";
		}
		for (String version : new String[] { "1.2", "1.1", "1.0" }) {
			if (accepted.contains(version)) {
				return version;
			}
		}
		return null;
	}

	/**
	 * One direction's negotiated heart-beat period (STOMP 1.2, "Heart-beating").
	 * @param server the server's side of it in ms, 0 for none
	 * @param client the client's side of it in ms, 0 for none
	 * @return the larger of the two, or 0 when either side wants none
	 */
	static long interval(long server, long client) {
		return (server <= 0 || client <= 0) ? 0 : Math.max(server, client);
	}

}
