package dev.warren.socket.stomp;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * Renders a {@link StompRefusal} as an ERROR frame whose {@code message} is exactly the
 * refusal's (e.g. {@code Unauthorized}) and whose body carries the detail; anything else
 * as Spring does. Spring closes the connection after sending it.
 */
final class RefusalErrorHandler extends StompSubProtocolErrorHandler {

	@Override
	public Message<byte[]> handleClientMessageProcessingError(Message<byte[]> clientMessage, Throwable ex) {
		StompRefusal refusal = find(ex);
		if (refusal == null) {
			return super.handleClientMessageProcessingError(clientMessage, ex);
		}
		StompHeaderAccessor client = (clientMessage != null)
				? MessageHeaderAccessor.getAccessor(clientMessage, StompHeaderAccessor.class) : null;
		return refusal.toErrorFrame(client);
	}

	private static StompRefusal find(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof StompRefusal refusal) {
				return refusal;
			}
		}
		return null;
	}

}
