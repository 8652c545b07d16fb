package dev.warren.socket.servlet;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

import dev.warren.socket.hub.Refusal;
import dev.warren.socket.stomp.StompErrors;

/**
 * Renders a {@link Refusal} as an ERROR frame whose {@code message} is exactly the
 * refusal's (e.g. {@code Unauthorized}) and whose body carries the detail, a frame that
 * could not be decoded as {@code Invalid STOMP frame}; anything else as Spring does.
 * Spring closes the connection after sending it.
 */
final class RefusalErrorHandler extends StompSubProtocolErrorHandler {

	@Override
	public Message<byte[]> handleClientMessageProcessingError(Message<byte[]> clientMessage, Throwable ex) {
		Refusal refusal = find(ex);
		if (refusal == null && clientMessage == null) {
			// The frame could not be decoded (LimitedStompDecoder refuses what it can
			// name; this is for anything else): Spring's text would name Java internals.
			refusal = StompErrors.invalid("Invalid STOMP frame", StompErrors.NOT_STOMP);
		}
		else if (refusal == null && find(ex, IllegalArgumentException.class) != null) {
			// A header Spring could not read, e.g. a heart-beat that is no pair of
			// numbers.
			refusal = StompErrors.invalid("Invalid STOMP frame", "malformed header");
		}
		if (refusal == null) {
			return super.handleClientMessageProcessingError(clientMessage, ex);
		}
		StompHeaderAccessor client = (clientMessage != null)
				? MessageHeaderAccessor.getAccessor(clientMessage, StompHeaderAccessor.class) : null;
		return StompErrors.errorFrame(refusal, client);
	}

	private static Refusal find(Throwable ex) {
		return find(ex, Refusal.class);
	}

	private static <T extends Throwable> T find(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
