package dev.warren.socket.servlet;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Registers each session before Spring's handler sees it and unregisters it after, so its
 * lanes exist before the first frame and outlive the {@code DISCONNECT} Spring sends when
 * the socket closes.
 * <p>
 * Takes inbound messages in parts: Spring's STOMP decoder joins a frame from as many
 * WebSocket messages as it arrives in, up to the frame limit, so the container needs only
 * a small buffer per session instead of one as large as the largest frame.
 */
final class SessionTrackingHandler extends WebSocketHandlerDecorator {

	private final WebSocketSessions sessions;

	SessionTrackingHandler(WebSocketHandler delegate, WebSocketSessions sessions) {
		super(delegate);
		this.sessions = sessions;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws Exception {
		this.sessions.opened(session);
		super.afterConnectionEstablished(session);
		this.sessions.started(session);
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
		try {
			super.afterConnectionClosed(session, closeStatus);
		}
		finally {
			this.sessions.closed(session);
		}
	}

	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

}
