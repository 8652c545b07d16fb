package dev.warren.socket.node;

import org.springframework.util.MimeType;

import dev.warren.common.record.RecordOp;

/**
 * A message taken from the node queue, ready for the local sessions.
 *
 * @param body the bytes as the producer sent them
 * @param contentType the producer's content type, or the configured default
 * @param id the publisher's {@code warren-id}, may be {@code null}
 * @param publishedAt the publisher's {@code warren-published-at} in epoch ms as text, may
 * be {@code null}
 * @param sender the client that published it from its session ({@code warren-sender}),
 * {@code null} for a producer's message
 * @param control what the message says about the subscription it goes to, such as
 * {@code revoked} ({@code warren-control}); {@code null} for a message from a producer
 * @param offset its offset in the history, -1 without one
 * @param position where a client resumes from after it ({@code warren-position}),
 * {@code null} without a history
 * @param record the record operation it carries ({@code warren-op},
 * {@code warren-collection}, {@code warren-key}), {@code null} for a plain message
 * @param encryption how the body is encrypted ({@code warren-encryption}:
 * {@code fernet}), {@code null} for a clear body
 * @param recipient for one member's copy of an encrypted topic's message: the only client
 * whose subscriptions of the topic receive it; {@code null} for every other message
 */
public record Delivery(byte[] body, MimeType contentType, String id, String publishedAt, String sender, String control,
		long offset, String position, RecordOp record, String encryption, String recipient) {

	/**
	 * Whether this message is for a subscription of {@code clientId}: every message but a
	 * member's copy of an encrypted topic's message is.
	 * @param clientId the subscription's client
	 * @return {@code true} when the client may be sent it
	 */
	public boolean isFor(String clientId) {
		return this.recipient == null || this.recipient.equals(clientId);
	}

	/**
	 * A message that is no record operation.
	 * @param body the bytes
	 * @param contentType the content type
	 * @param id the {@code warren-id}, may be {@code null}
	 * @param publishedAt the {@code warren-published-at}, may be {@code null}
	 * @param sender the publishing client, may be {@code null}
	 * @param control the {@code warren-control}, may be {@code null}
	 * @param offset its offset in the history, -1 without one
	 * @param position its {@code warren-position}, may be {@code null}
	 */
	public Delivery(byte[] body, MimeType contentType, String id, String publishedAt, String sender, String control,
			long offset, String position) {
		this(body, contentType, id, publishedAt, sender, control, offset, position, null, null, null);
	}

	/**
	 * A message without a place in the history.
	 * @param body the bytes
	 * @param contentType the content type
	 * @param id the {@code warren-id}, may be {@code null}
	 * @param publishedAt the {@code warren-published-at}, may be {@code null}
	 * @param sender the publishing client, may be {@code null}
	 * @param control the {@code warren-control}, may be {@code null}
	 */
	public Delivery(byte[] body, MimeType contentType, String id, String publishedAt, String sender, String control) {
		this(body, contentType, id, publishedAt, sender, control, -1, null);
	}

	/**
	 * A message from a producer.
	 * @param body the bytes as the producer sent them
	 * @param contentType the content type
	 * @param id the {@code warren-id}, may be {@code null}
	 * @param publishedAt the {@code warren-published-at}, may be {@code null}
	 */
	public Delivery(byte[] body, MimeType contentType, String id, String publishedAt) {
		this(body, contentType, id, publishedAt, null, null);
	}

}
