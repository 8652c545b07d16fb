package dev.warren.socket.servlet;

import java.security.Principal;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Structured logs written while a frame is handled carry the session and client ids, and
 * nothing of them leaks to the pool thread's next frame.
 */
class StompMdcInterceptorTests {

	private final StompMdcInterceptor interceptor = new StompMdcInterceptor();

	@AfterEach
	void clear() {
		MDC.clear();
	}

	@Test
	void sessionAndClientIdsAreInTheMdcWhileTheFrameIsHandled() {
		Map<String, String> seen = new HashMap<>();
		ExecutorSubscribableChannel channel = new ExecutorSubscribableChannel(Runnable::run);
		channel.addInterceptor(this.interceptor);
		MessageHandler handler = (message) -> seen.putAll(MDC.getCopyOfContextMap());
		channel.subscribe(handler);

		channel.send(frame("session-1", () -> "client-42"));

		assertThat(seen).containsEntry("sessionId", "session-1").containsEntry("clientId", "client-42");
		assertThat(MDC.get("sessionId")).isNull();
		assertThat(MDC.get("clientId")).isNull();
	}

	@Test
	void aFrameBeforeAuthenticationHasOnlyItsSessionId() {
		Map<String, String> seen = new HashMap<>();
		ExecutorSubscribableChannel channel = new ExecutorSubscribableChannel(Runnable::run);
		channel.addInterceptor(this.interceptor);
		channel.subscribe((message) -> seen.putAll(MDC.getCopyOfContextMap()));

		channel.send(frame("session-2", null));

		assertThat(seen).containsEntry("sessionId", "session-2").doesNotContainKey("clientId");
	}

	private static Message<byte[]> frame(String sessionId, Principal user) {
		StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.SUBSCRIBE);
		accessor.setSessionId(sessionId);
		accessor.setUser(user);
		return MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders());
	}

}
