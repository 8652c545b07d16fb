package dev.warren.socket.servlet;

import java.nio.charset.StandardCharsets;

import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

/**
 * Tells a session its token ran out: an ERROR frame {@code message:Unauthorized}, body
 * {@code token expired}, sent through {@code clientOutboundChannel} so it takes the
 * session's lane after what already waits there. Spring's STOMP handler closes the
 * session once an ERROR frame is written.
 */
final class ExpiredTokenNotice {

	private static final byte[] BODY = "token expired".getBytes(StandardCharsets.UTF_8);

	private final MessageChannel clientOutboundChannel;

	ExpiredTokenNotice(MessageChannel clientOutboundChannel) {
		this.clientOutboundChannel = clientOutboundChannel;
	}

	void send(String sessionId) {
		StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
		error.setMessage("Unauthorized");
		error.setContentType(MimeTypeUtils.TEXT_PLAIN);
		error.setSessionId(sessionId);
		this.clientOutboundChannel.send(MessageBuilder.createMessage(BODY, error.getMessageHeaders()));
	}

}
