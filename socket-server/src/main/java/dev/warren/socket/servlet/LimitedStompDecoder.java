package dev.warren.socket.servlet;

import java.nio.ByteBuffer;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompConversionException;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.util.MultiValueMap;

/**
 * Spring's STOMP decoder, refusing a frame whose {@code content-length} can never fit as
 * soon as its headers are read: Spring's buffering decoder would only notice when more of
 * the frame arrives, and a client that sends no more would wait for ever.
 */
final class LimitedStompDecoder extends StompDecoder {

	private final int limit;

	LimitedStompDecoder(int limit) {
		this.limit = limit;
	}

	@Override
	public List<Message<byte[]>> decode(ByteBuffer buffer,
			@Nullable MultiValueMap<String, String> partialMessageHeaders) {
		List<Message<byte[]>> messages = super.decode(buffer, partialMessageHeaders);
		if (partialMessageHeaders != null && buffer.hasRemaining()) {
			Integer declared = StompHeaderAccessor.getContentLength(partialMessageHeaders);
			if (declared != null && declared > this.limit) {
				// The same words as Spring's own limit, which RefusalErrorHandler
				// answers.
				throw new StompConversionException("content-length " + declared + " exceeds the buffer size limit");
			}
		}
		return messages;
	}

}
