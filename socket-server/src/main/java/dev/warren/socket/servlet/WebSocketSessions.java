package dev.warren.socket.servlet;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.sockjs.transport.SockJsSession;

import dev.warren.socket.drain.CloseWait;
import dev.warren.socket.drain.WayIn;
import dev.warren.socket.lane.SessionOrderedExecutor;

/**
 * The open WebSocket sessions of this node by id, so that a session can be closed from
 * outside its own frames (slow or stuck sessions). Fed by a
 * {@link WebSocketHandlerDecorator} around Spring's STOMP handler; also opens and ends
 * the sessions' lanes in the channel executors.
 */
public final class WebSocketSessions implements WayIn {

	private static final Logger logger = LoggerFactory.getLogger(WebSocketSessions.class);

	/**
	 * Tomcat's per-session limit for a blocking write (its default is 20 s); a write
	 * stuck longer fails, so a client that stopped reading does not hold a thread for
	 * long.
	 */
	private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	/** How long closing every session waits for their lanes to be written. */
	private static final Duration FLUSH_LIMIT = Duration.ofSeconds(3);

	private final ConcurrentHashMap<String, WebSocketSession> open = new ConcurrentHashMap<>();

	private final List<SessionOrderedExecutor> executors = new CopyOnWriteArrayList<>();

	private final List<Consumer<String>> openListeners = new CopyOnWriteArrayList<>();

	private final Executor closer;

	private final Duration sendTimeLimit;

	private final int frameBufferSize;

	/**
	 * Creates the registry.
	 * @param closer runs closes: closing a session stuck in a write may block
	 * @param sendTimeLimit longest blocking write allowed by the container
	 * @param frameBufferSize the container's inbound message buffer per WebSocket session
	 */
	public WebSocketSessions(Executor closer, Duration sendTimeLimit, int frameBufferSize) {
		this.closer = closer;
		this.sendTimeLimit = sendTimeLimit;
		this.frameBufferSize = frameBufferSize;
	}

	/**
	 * Has {@code executor} open and end a lane for each session.
	 * @param executor a channel executor
	 */
	public void track(SessionOrderedExecutor executor) {
		this.executors.add(executor);
	}

	/**
	 * Has {@code listener} told the id of each session as it opens.
	 * @param listener called on the container's thread; must not block
	 */
	public void onOpen(Consumer<String> listener) {
		this.openListeners.add(listener);
	}

	/**
	 * Decorates the STOMP WebSocket handler; a {@code WebSocketHandlerDecoratorFactory}.
	 * @param handler Spring's handler
	 * @return the decorated handler
	 */
	public WebSocketHandler decorate(WebSocketHandler handler) {
		return new SessionTrackingHandler(handler, this);
	}

	/**
	 * Whether the session is open on this node.
	 * @param sessionId the session
	 * @return {@code true} while open
	 */
	public boolean isOpen(String sessionId) {
		return this.open.containsKey(sessionId);
	}

	/**
	 * An open session, to write to it directly; only from the session's outbound lane,
	 * which keeps writes to one session one at a time.
	 * @param sessionId the session
	 * @return the session, or {@code null} when it is not open here
	 */
	public WebSocketSession session(String sessionId) {
		return this.open.get(sessionId);
	}

	/**
	 * Number of open WebSocket sessions.
	 * @return the count
	 */
	@Override
	public int size() {
		return this.open.size();
	}

	/**
	 * Closes a session, off the caller's thread.
	 * @param sessionId the session
	 * @param status the close status sent to the client
	 */
	public void close(String sessionId, CloseStatus status) {
		WebSocketSession session = this.open.get(sessionId);
		if (session == null) {
			return;
		}
		this.closer.execute(() -> {
			try {
				session.close(status);
			}
			catch (IOException | RuntimeException ex) {
				logger.atDebug().addKeyValue("sessionId", sessionId).log("Close failed: {}", ex.toString());
			}
		});
	}

	/**
	 * Closes every open session, off the caller's thread, once what waits on the
	 * sessions' lanes is written (for at most {@link #FLUSH_LIMIT}): a drain hands its
	 * last messages to the lanes just before.
	 * @param code the close code sent to the clients
	 * @param reason the close reason
	 * @return how many sessions are being closed
	 */
	@Override
	public int closeAll(int code, String reason) {
		CloseWait.until(() -> !anyWaiting(), FLUSH_LIMIT);
		CloseStatus status = new CloseStatus(code, reason);
		int closing = 0;
		for (String sessionId : this.open.keySet()) {
			close(sessionId, status);
			closing++;
		}
		return closing;
	}

	private boolean anyWaiting() {
		for (String sessionId : this.open.keySet()) {
			for (SessionOrderedExecutor executor : this.executors) {
				if (executor.waiting(sessionId) > 0) {
					return true;
				}
			}
		}
		return false;
	}

	void opened(WebSocketSession session) {
		jakarta.websocket.Session container = containerSession(session);
		if (container != null) {
			container.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, this.sendTimeLimit.toMillis());
		}
		String id = session.getId();
		this.open.put(id, session);
		for (SessionOrderedExecutor executor : this.executors) {
			executor.open(id);
		}
		for (Consumer<String> listener : this.openListeners) {
			listener.accept(id);
		}
	}

	/**
	 * Spring's STOMP handler has started the session: it raises the container's text
	 * buffer to 16 KiB so that a whole SockJS-sized frame fits, which on an idle node is
	 * most of a session's memory. Plain WebSocket sessions here take messages in parts,
	 * so the buffer goes back to its small size before the first frame is read. SockJS
	 * frames its own messages and needs them whole: its sessions keep Spring's size.
	 */
	void started(WebSocketSession session) {
		if (!(session instanceof SockJsSession) && containerSession(session) != null) {
			session.setTextMessageSizeLimit(this.frameBufferSize);
			session.setBinaryMessageSizeLimit(this.frameBufferSize);
		}
	}

	private static jakarta.websocket.Session containerSession(WebSocketSession session) {
		return (session instanceof NativeWebSocketSession nativeSession
				&& nativeSession.getNativeSession() instanceof jakarta.websocket.Session container) ? container : null;
	}

	void closed(WebSocketSession session) {
		String id = session.getId();
		this.open.remove(id);
		for (SessionOrderedExecutor executor : this.executors) {
			executor.ended(id);
		}
	}

}
