package dev.warren.socket.stomp;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

import dev.warren.socket.hub.Refusal;

/**
 * A {@link Refusal} as STOMP says it: an {@code ERROR} frame whose {@code message} header
 * is exactly the refusal's message and whose body is its detail, the same on every way in
 * that speaks STOMP.
 */
public final class StompErrors {

	/** Two non-negative integers of milliseconds, as STOMP 1.2 says, below 2^31. */
	private static final Pattern HEART_BEAT = Pattern.compile("\\d{1,9},\\d{1,9}");

	/** The detail of a frame that could not be decoded. */
	public static final String NOT_STOMP = "not a STOMP frame, or a command other than those of STOMP 1.2 in upper case";

	private StompErrors() {
	}

	/**
	 * The ERROR frame for a refusal, addressed to the client frame's session and echoing
	 * its receipt.
	 * @param refusal what was refused
	 * @param clientFrame the refused frame's headers, may be {@code null}
	 * @return the frame, ready for an encoder or {@code clientOutboundChannel}
	 */
	public static Message<byte[]> errorFrame(Refusal refusal, StompHeaderAccessor clientFrame) {
		StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
		error.setMessage(refusal.getMessage());
		error.setContentType(MimeTypeUtils.TEXT_PLAIN);
		if (clientFrame != null) {
			error.setSessionId(clientFrame.getSessionId());
			if (clientFrame.getReceipt() != null) {
				error.setReceiptId(clientFrame.getReceipt());
			}
		}
		error.setLeaveMutable(true);
		return MessageBuilder.createMessage(refusal.detail().getBytes(StandardCharsets.UTF_8),
				error.getMessageHeaders());
	}

	/**
	 * Checks what a CONNECT asks for that can never succeed: no STOMP version this node
	 * speaks, or heart-beats that are not two non-negative integers.
	 * @param connect the frame's headers
	 * @return the STOMP version to answer with
	 * @throws Refusal when the frame asks for the impossible
	 */
	public static String negotiate(StompHeaderAccessor connect) {
		String version = StompCodec.version(connect.getAcceptVersion());
		if (version == null) {
			throw invalid("Unsupported STOMP version", "supported versions are 1.0, 1.1 and 1.2");
		}
		String heartbeat = connect.getFirstNativeHeader("heart-beat");
		if (heartbeat != null && !HEART_BEAT.matcher(heartbeat).matches()) {
			throw invalid("Invalid STOMP frame", "heart-beat must be two non-negative integers");
		}
		return version;
	}

	/**
	 * A frame longer than {@code warren.socket.message-size-limit}.
	 * @return the refusal
	 */
	public static Refusal tooLarge() {
		return invalid("Frame too large", "a STOMP frame may have at most warren.socket.message-size-limit bytes");
	}

	/**
	 * A frame that is not STOMP, or not STOMP this node can take.
	 * @param message the ERROR frame's {@code message}
	 * @param detail its body
	 * @return the refusal
	 */
	public static Refusal invalid(String message, String detail) {
		return new Refusal(Refusal.Reason.INVALID, message, detail);
	}

}
