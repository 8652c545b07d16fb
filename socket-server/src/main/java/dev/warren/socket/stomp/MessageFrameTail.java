package dev.warren.socket.stomp;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.util.MimeType;

import dev.warren.socket.node.Delivery;

import dev.warren.common.WarrenNames;
import dev.warren.common.record.RecordOp;

/**
 * Everything of a MESSAGE frame after its {@code subscription} header, built once per
 * message and shared by all its subscribers: headers as Spring's broker sends them plus
 * Warren's, the body and the closing NUL. A subscriber's frame is
 * {@code MESSAGE\nsubscription:<id>} followed by this tail.
 */
public final class MessageFrameTail {

	private final AtomicLong messageIds = new AtomicLong();

	private final String idPrefix;

	/**
	 * Creates a builder.
	 * @param idPrefix prefix of the {@code message-id} given to messages without a
	 * {@code warren-id}
	 */
	public MessageFrameTail(String idPrefix) {
		this.idPrefix = idPrefix;
	}

	/**
	 * The tail of {@code delivery}'s frame for {@code destination}, as text for a
	 * container that takes text frames as strings.
	 * @param destination the STOMP destination the subscribers subscribed to
	 * @param delivery the message, with a textual body
	 * @return the tail, starting with a newline
	 */
	public String build(String destination, Delivery delivery) {
		String body = new String(delivery.body(), StandardCharsets.UTF_8);
		// Equal lengths mean plain ASCII; otherwise count what goes on the wire.
		int length = (body.length() == delivery.body().length) ? body.length()
				: body.getBytes(StandardCharsets.UTF_8).length;
		return headers(destination, delivery, length, body.length()).append(body).append('\0').toString();
	}

	/**
	 * The tail of {@code delivery}'s frame for {@code destination}, as bytes: the headers
	 * in UTF-8, then the body exactly as published, whatever its type.
	 * @param destination the STOMP destination the subscribers subscribed to
	 * @param delivery the message
	 * @return the tail, starting with a newline
	 */
	public byte[] encode(String destination, Delivery delivery) {
		byte[] body = delivery.body();
		byte[] headers = headers(destination, delivery, body.length, 0).toString().getBytes(StandardCharsets.UTF_8);
		byte[] tail = new byte[headers.length + body.length + 1];
		System.arraycopy(headers, 0, tail, 0, headers.length);
		System.arraycopy(body, 0, tail, headers.length, body.length);
		return tail;
	}

	private StringBuilder headers(String destination, Delivery delivery, int contentLength, int room) {
		StringBuilder tail = new StringBuilder(room + 256);
		tail.append("\ndestination:").append(destination);
		tail.append("\ncontent-type:").append(escape(delivery.contentType().toString()));
		String id = delivery.id();
		tail.append("\nmessage-id:")
			.append((id != null) ? escape(id) : this.idPrefix + this.messageIds.incrementAndGet());
		if (id != null) {
			tail.append('\n').append(WarrenNames.ID_HEADER).append(':').append(escape(id));
		}
		if (delivery.publishedAt() != null) {
			tail.append('\n')
				.append(WarrenNames.PUBLISHED_AT_HEADER)
				.append(':')
				.append(escape(delivery.publishedAt()));
		}
		if (delivery.sender() != null) {
			tail.append('\n').append(WarrenNames.SENDER_HEADER).append(':').append(escape(delivery.sender()));
		}
		if (delivery.encryption() != null) {
			tail.append('\n').append(WarrenNames.ENCRYPTION_HEADER).append(':').append(delivery.encryption());
		}
		RecordOp record = delivery.record();
		if (record != null) {
			tail.append('\n').append(WarrenNames.OP_HEADER).append(':').append(record.op().wire());
			tail.append('\n').append(WarrenNames.COLLECTION_HEADER).append(':').append(record.collection());
			if (record.key() != null) {
				tail.append('\n').append(WarrenNames.KEY_HEADER).append(':').append(escape(record.key()));
			}
		}
		if (delivery.position() != null) {
			tail.append('\n').append(WarrenNames.POSITION_HEADER).append(':').append(delivery.position());
		}
		if (delivery.control() != null) {
			tail.append('\n').append(WarrenNames.CONTROL_HEADER).append(':').append(escape(delivery.control()));
		}
		return tail.append("\ncontent-length:").append(contentLength).append("\n\n");
	}

	/**
	 * STOMP 1.2 header escaping; values are nearly always plain, so they are returned as
	 * they are without copying.
	 * @param value a header value
	 * @return the escaped value
	 */
	public static String escape(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' || c == '\n' || c == '\r' || c == ':') {
				return escapeFrom(value, i);
			}
		}
		return value;
	}

	private static String escapeFrom(String value, int first) {
		StringBuilder escaped = new StringBuilder(value.length() + 8).append(value, 0, first);
		for (int i = first; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> escaped.append("\\\\");
				case '\n' -> escaped.append("\\n");
				case '\r' -> escaped.append("\\r");
				case ':' -> escaped.append("\\c");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

	/**
	 * Whether a body of this type travels as text: {@code text/*} and JSON.
	 * @param type the message's content type
	 * @return {@code true} for text
	 */
	public static boolean isText(MimeType type) {
		return "text".equals(type.getType()) || "json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json");
	}

}
