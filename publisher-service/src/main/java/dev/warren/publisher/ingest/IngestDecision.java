package dev.warren.publisher.ingest;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.warren.common.InvalidRoutingKeyException;
import dev.warren.common.RoutingKey;
import dev.warren.common.record.InvalidRecordOpException;
import dev.warren.common.record.RecordOp;

/**
 * What to do with one ingest message: republish it to its destination, or dead-letter it
 * once with a reason. An invalid message is never requeued: it would only fail again. The
 * HTTP publish API applies the same rules before it publishes, to answer 400 instead.
 *
 * @param routingKey where an accepted message goes; {@code null} when rejected
 * @param reason why a rejected message is rejected; {@code null} when accepted
 * @param detail a human-readable explanation of the rejection
 * @param record the record operation an accepted message carries, {@code null} for a
 * plain message
 */
public record IngestDecision(@Nullable RoutingKey routingKey, @Nullable DeadLetterReason reason,
		@Nullable String detail, @Nullable RecordOp record) {

	/**
	 * Decides for one message without headers.
	 * @param receivedRoutingKey the routing key the producer used
	 * @param body the body
	 * @param contentType the producer's {@code content_type}, may be {@code null}
	 * @param maxBodyBytes the largest accepted body
	 * @return the decision
	 */
	public static IngestDecision decide(@Nullable String receivedRoutingKey, byte[] body, @Nullable String contentType,
			int maxBodyBytes) {
		return decide(receivedRoutingKey, body, contentType, null, maxBodyBytes);
	}

	/**
	 * Decides for one message.
	 * @param receivedRoutingKey the routing key the producer used
	 * @param body the body
	 * @param contentType the producer's {@code content_type}, may be {@code null}
	 * @param headers the producer's headers, may be {@code null}: the record operation
	 * ({@code warren-op}, {@code warren-collection}, {@code warren-key}) is checked
	 * @param maxBodyBytes the largest accepted body
	 * @return the decision
	 */
	public static IngestDecision decide(@Nullable String receivedRoutingKey, byte[] body, @Nullable String contentType,
			@Nullable Map<String, ?> headers, int maxBodyBytes) {
		if (body.length > maxBodyBytes) {
			return new IngestDecision(null, DeadLetterReason.BODY_TOO_LARGE,
					"body of " + body.length + " bytes exceeds the limit of " + maxBodyBytes + " bytes", null);
		}
		if (isText(contentType) && !Utf8.isValid(body)) {
			return new IngestDecision(null, DeadLetterReason.BODY_NOT_UTF8,
					"body is not valid UTF-8 but its content type " + ((contentType != null) ? contentType : "(none)")
							+ " says text; publish binary bodies as application/octet-stream",
					null);
		}
		RecordOp record;
		try {
			record = RecordOp.of(headers);
		}
		catch (InvalidRecordOpException ex) {
			return new IngestDecision(null, DeadLetterReason.INVALID_RECORD_OP, ex.getMessage(), null);
		}
		try {
			return new IngestDecision(RoutingKey.parse(receivedRoutingKey), null, null, record);
		}
		catch (InvalidRoutingKeyException ex) {
			return new IngestDecision(null, DeadLetterReason.INVALID_ROUTING_KEY, ex.getMessage(), null);
		}
	}

	/**
	 * Whether the nodes deliver a body of this type as text: {@code text/*}, JSON, or no
	 * content type at all (delivered as {@code application/json} by default).
	 */
	private static boolean isText(@Nullable String contentType) {
		if (contentType == null || contentType.isBlank()) {
			return true;
		}
		String type = contentType.toLowerCase(java.util.Locale.ROOT);
		int parameters = type.indexOf(';');
		if (parameters >= 0) {
			type = type.substring(0, parameters);
		}
		type = type.trim();
		return type.startsWith("text/") || type.endsWith("/json") || type.endsWith("+json");
	}

	/**
	 * Whether the message is accepted.
	 * @return whether it goes on to its destination
	 */
	public boolean accepted() {
		return this.routingKey != null;
	}

}
