package dev.warren.socket.servlet;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

import dev.warren.socket.hub.Refusal;
import dev.warren.socket.stomp.StompErrors;

/**
 * Renders a {@link Refusal} as an ERROR frame whose {@code message} is exactly the
 * refusal's (e.g. {@code Unauthorized}) and whose body carries the detail; anything else
 * as Spring does. Spring closes the connection after sending it.
 */
final class RefusalErrorHandler extends StompSubProtocolErrorHandler {

	@Override
	public Message<byte[]> handleClientMessageProcessingError(Message<byte[]> clientMessage, Throwable ex) {
		Refusal refusal = find(ex);
		if (refusal == null) {
			return super.handleClientMessageProcessingError(clientMessage, ex);
		}
		StompHeaderAccessor client = (clientMessage != null)
				? MessageHeaderAccessor.getAccessor(clientMessage, StompHeaderAccessor.class) : null;
		return StompErrors.errorFrame(refusal, client);
	}

	private static Refusal find(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof Refusal refusal) {
				return refusal;
			}
		}
		return null;
	}

}
