package dev.warren.socket.servlet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageHeaderAccessor;

import dev.warren.socket.lane.LaneOverflowListener;
import dev.warren.socket.lane.SlowSessionMeters;
import dev.warren.socket.stomp.StompErrors;

/**
 * Answers a client whose frames overflowed its inbound lane with an ERROR frame
 * ({@code Too many frames}) on its outbound lane, after which Spring closes the session,
 * as the edge does; counted with the slow sessions.
 */
final class InboundFloodCloser implements LaneOverflowListener {

	private static final Logger logger = LoggerFactory.getLogger(InboundFloodCloser.class);

	private final MessageChannel clientOutboundChannel;

	private final SlowSessionMeters meters;

	InboundFloodCloser(MessageChannel clientOutboundChannel, SlowSessionMeters meters) {
		this.clientOutboundChannel = clientOutboundChannel;
		this.meters = meters;
	}

	@Override
	public void overflowed(String sessionId, String reason) {
		this.meters.closed(sessionId, "flooding: " + reason);
		logger.atWarn().addKeyValue("sessionId", sessionId).log("Closing flooding session: {}", reason);
		Message<byte[]> error = StompErrors.errorFrame(StompErrors.invalid("Too many frames",
				"more than warren.socket.max-queued-messages frames waiting to be handled"), null);
		StompHeaderAccessor headers = MessageHeaderAccessor.getAccessor(error, StompHeaderAccessor.class);
		headers.setSessionId(sessionId);
		this.clientOutboundChannel.send(error);
	}

}
