package dev.warren.socket.node;

import java.util.Map;

import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

import dev.warren.common.ChannelName;
import dev.warren.common.RoutingKey;
import dev.warren.common.WarrenNames;
import dev.warren.common.record.InvalidRecordOpException;
import dev.warren.common.record.RecordOp;
import dev.warren.socket.hub.Position;

/**
 * Turns a message of the node's source, live or replayed from the history, into a
 * {@link Delivery}. Header values are read with {@code toString()}, so the AMQP client's
 * {@code LongString} and Spring's {@code String} both do.
 */
public final class DeliveryDecoder {

	/** Header RabbitMQ gives each message read from a stream: its offset (a long). */
	public static final String STREAM_OFFSET_HEADER = "x-stream-offset";

	private final MimeType defaultContentType;

	public DeliveryDecoder(MimeType defaultContentType) {
		this.defaultContentType = defaultContentType;
	}

	/**
	 * The delivery of a message.
	 * @param headers its headers, may be {@code null}
	 * @param contentType its content type, may be {@code null}
	 * @param body its body
	 * @param offset its offset in the history, -1 without a history
	 * @return the delivery, with its position when it has an offset
	 */
	public Delivery decode(Map<String, Object> headers, String contentType, byte[] body, long offset) {
		return decode(headers, contentType, body, offset, null);
	}

	/**
	 * The delivery of a message, a member's copy of an encrypted topic's message when
	 * {@code recipient} is given (see {@link #memberTopic}).
	 * @param headers its headers, may be {@code null}
	 * @param contentType its content type, may be {@code null}
	 * @param body its body
	 * @param offset its offset in the history, -1 without a history
	 * @param recipient the only client it is for, {@code null} for any other message
	 * @return the delivery, with its position when it has an offset
	 */
	public Delivery decode(Map<String, Object> headers, String contentType, byte[] body, long offset,
			String recipient) {
		Object id = (headers != null) ? headers.get(WarrenNames.ID_HEADER) : null;
		Object publishedAt = (headers != null) ? headers.get(WarrenNames.PUBLISHED_AT_HEADER) : null;
		Object sender = (headers != null) ? headers.get(WarrenNames.SENDER_HEADER) : null;
		String idText = (id != null) ? id.toString() : null;
		return new Delivery(body, contentType(contentType), idText,
				(publishedAt != null) ? publishedAt.toString() : null, (sender != null) ? sender.toString() : null,
				null, offset, (offset >= 0) ? Position.format(offset, idText) : null, recordOp(headers),
				encryption(headers), recipient);
	}

	/**
	 * {@code fernet} for a sealed body; anything else a producer put there is not
	 * Warren's and is not passed on.
	 */
	private static String encryption(Map<String, Object> headers) {
		Object encryption = (headers != null) ? headers.get(WarrenNames.ENCRYPTION_HEADER) : null;
		return (encryption != null && WarrenNames.FERNET.equals(encryption.toString())) ? WarrenNames.FERNET : null;
	}

	/**
	 * The record operation of a message; ingest checked it, so one that does not parse
	 * came around ingest and is delivered as a plain message.
	 */
	private static RecordOp recordOp(Map<String, Object> headers) {
		if (headers == null || !headers.containsKey(WarrenNames.OP_HEADER)) {
			return null;
		}
		try {
			return RecordOp.of(headers);
		}
		catch (InvalidRecordOpException ex) {
			return null;
		}
	}

	/**
	 * The topic of a member's copy of an encrypted topic's message: publisher-service
	 * sends one copy per member, routed {@code client.<member>} with
	 * {@code warren-recipient: <member>} and {@code warren-destination: /topic/<name>};
	 * it goes to that member's subscriptions of the topic only.
	 * @param routed the message's routing key
	 * @param headers its headers, may be {@code null}
	 * @return the topic, {@code null} for any other message
	 */
	public static RoutingKey memberTopic(RoutingKey routed, Map<String, Object> headers) {
		if (headers == null || routed.kind() != RoutingKey.Kind.CLIENT) {
			return null;
		}
		Object recipient = headers.get(WarrenNames.RECIPIENT_HEADER);
		Object destination = headers.get(WarrenNames.DESTINATION_HEADER);
		if (recipient == null || destination == null || !routed.name().equals(recipient.toString())) {
			return null;
		}
		String text = destination.toString();
		int from = WarrenNames.TOPIC_DESTINATION_PREFIX.length();
		if (!text.startsWith(WarrenNames.TOPIC_DESTINATION_PREFIX) || !ChannelName.isValid(text, from, text.length())) {
			return null;
		}
		return RoutingKey.topic(text.substring(from));
	}

	/**
	 * The stream offset RabbitMQ put on a message read from a stream.
	 * @param headers the message's headers, may be {@code null}
	 * @return the offset, -1 when there is none
	 */
	public static long streamOffset(Map<String, Object> headers) {
		Object offset = (headers != null) ? headers.get(STREAM_OFFSET_HEADER) : null;
		return (offset instanceof Number number) ? number.longValue() : -1;
	}

	/**
	 * Spring's {@code parseMimeType} keeps an LRU cache, so the few content types in use
	 * are parsed once and their {@code toString()} cached with them.
	 */
	private MimeType contentType(String value) {
		if (value == null || value.isEmpty()) {
			return this.defaultContentType;
		}
		try {
			return MimeTypeUtils.parseMimeType(value);
		}
		catch (IllegalArgumentException ex) {
			return this.defaultContentType;
		}
	}

}
