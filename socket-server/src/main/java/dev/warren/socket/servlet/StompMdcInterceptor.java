package dev.warren.socket.servlet;

import java.security.Principal;

import org.slf4j.MDC;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.support.ExecutorChannelInterceptor;

/**
 * Puts {@code sessionId} and {@code clientId} in the MDC while an inbound frame is
 * handled on a pool thread, so structured logs carry them.
 */
final class StompMdcInterceptor implements ExecutorChannelInterceptor {

	private static final String SESSION_ID = "sessionId";

	private static final String CLIENT_ID = "clientId";

	@Override
	public Message<?> beforeHandle(Message<?> message, MessageChannel channel, MessageHandler handler) {
		String sessionId = SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
		if (sessionId != null) {
			MDC.put(SESSION_ID, sessionId);
		}
		Principal user = SimpMessageHeaderAccessor.getUser(message.getHeaders());
		if (user != null) {
			MDC.put(CLIENT_ID, user.getName());
		}
		return message;
	}

	@Override
	public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler, Exception ex) {
		MDC.remove(SESSION_ID);
		MDC.remove(CLIENT_ID);
	}

}
