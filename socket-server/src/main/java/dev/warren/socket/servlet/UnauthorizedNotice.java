package dev.warren.socket.servlet;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

import dev.warren.socket.hub.Refusal;

/**
 * Tells a session it has no valid token (any more): an ERROR frame
 * {@code message:Unauthorized} whose body says why, sent through
 * {@code clientOutboundChannel} so it takes the session's lane after what already waits
 * there. Spring's STOMP handler closes the session once an ERROR frame is written.
 */
final class UnauthorizedNotice {

	private static final byte[] TOKEN_EXPIRED = "token expired".getBytes(StandardCharsets.UTF_8);

	private final MessageChannel clientOutboundChannel;

	UnauthorizedNotice(MessageChannel clientOutboundChannel) {
		this.clientOutboundChannel = clientOutboundChannel;
	}

	void tokenExpired(String sessionId) {
		send(sessionId, TOKEN_EXPIRED);
	}

	void noConnect(String sessionId, Duration timeout) {
		send(sessionId, ("no CONNECT within " + timeout.toSeconds() + " s (warren.socket.connect-timeout)")
			.getBytes(StandardCharsets.UTF_8));
	}

	private void send(String sessionId, byte[] body) {
		StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
		error.setMessage(Refusal.UNAUTHORIZED);
		error.setContentType(MimeTypeUtils.TEXT_PLAIN);
		error.setSessionId(sessionId);
		this.clientOutboundChannel.send(MessageBuilder.createMessage(body, error.getMessageHeaders()));
	}

}
