package dev.warren.socket.stomp;

import java.util.List;
import java.util.Map;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;

import dev.warren.socket.hub.Refusal;

/**
 * How many headers a client's STOMP frame may carry, and how long each may be: a frame
 * within the size limit could otherwise hold thousands of tiny headers, each a map entry
 * on the node. Checked on every way in after a frame is decoded.
 *
 * @param maxHeaders headers per frame ({@code warren.socket.max-frame-headers})
 * @param maxHeaderLength characters of one header's name and value together
 * ({@code warren.socket.max-header-length})
 */
public record StompHeaderLimits(int maxHeaders, int maxHeaderLength) {

	/**
	 * Checks a decoded frame.
	 * @param frame the frame
	 * @throws Refusal {@code Too many headers} or {@code Header too long}
	 */
	public void check(Message<byte[]> frame) {
		@SuppressWarnings("unchecked")
		Map<String, List<String>> headers = (Map<String, List<String>>) frame.getHeaders()
			.get(NativeMessageHeaderAccessor.NATIVE_HEADERS);
		if (headers == null) {
			return;
		}
		int count = 0;
		for (Map.Entry<String, List<String>> header : headers.entrySet()) {
			for (String value : header.getValue()) {
				if (++count > this.maxHeaders) {
					throw StompErrors.invalid("Too many headers",
							"a frame may carry " + this.maxHeaders + " headers (warren.socket.max-frame-headers)");
				}
				if (header.getKey().length() + ((value != null) ? value.length() : 0) > this.maxHeaderLength) {
					throw StompErrors.invalid("Header too long", "a header may have " + this.maxHeaderLength
							+ " characters, name and value together (warren.socket.max-header-length)");
				}
			}
		}
	}

}
