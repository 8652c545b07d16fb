package dev.warren.socket.servlet;

import java.nio.ByteBuffer;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.util.MultiValueMap;

import dev.warren.socket.hub.Refusal;
import dev.warren.socket.stomp.StompErrors;
import dev.warren.socket.stomp.StompHeaderLimits;

/**
 * Spring's STOMP decoder with the frame limit and the answers of every STOMP way in.
 * <p>
 * It keeps the limit itself, instead of Spring's buffering decoder, and fails with a
 * {@link Refusal}: Spring logs every decoding failure with its stack trace, some thirty
 * lines a client could make the node write at will; a refusal has no stack trace, so the
 * log gets two lines, and {@link RefusalErrorHandler} answers it as it stands. It also
 * refuses a frame whose {@code content-length} can never fit as soon as its headers are
 * read, where Spring's decoder would wait for more of it.
 * <p>
 * Spring's buffering decoder calls it with everything buffered so far, each time a part
 * of a WebSocket message arrives (or, once a {@code content-length} is known, when it is
 * all there), so what is held stays below the limit plus one part.
 */
final class LimitedStompDecoder extends StompDecoder {

	private final int limit;

	private final StompHeaderLimits headerLimits;

	LimitedStompDecoder(int limit, StompHeaderLimits headerLimits) {
		this.limit = limit;
		this.headerLimits = headerLimits;
	}

	@Override
	public List<Message<byte[]>> decode(ByteBuffer buffer,
			@Nullable MultiValueMap<String, String> partialMessageHeaders) {
		List<Message<byte[]>> messages;
		try {
			messages = super.decode(buffer, partialMessageHeaders);
		}
		catch (RuntimeException ex) {
			// Spring's words name Java internals ("No enum constant ..."): not for
			// clients.
			throw StompErrors.invalid("Invalid STOMP frame", StompErrors.NOT_STOMP);
		}
		for (Message<byte[]> message : messages) {
			if (message.getPayload().length > this.limit) {
				throw StompErrors.tooLarge();
			}
			this.headerLimits.check(message);
		}
		if (buffer.hasRemaining()) {
			Integer declared = (partialMessageHeaders != null)
					? StompHeaderAccessor.getContentLength(partialMessageHeaders) : null;
			if (buffer.remaining() > this.limit || (declared != null && declared > this.limit)) {
				throw StompErrors.tooLarge();
			}
		}
		return messages;
	}

}
