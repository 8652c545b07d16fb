package dev.warren.publisher.ingest;

/**
 * Why an ingest message was rejected as invalid; the tag of the
 * {@code warren.ingest.dead.lettered} counter.
 */
public enum DeadLetterReason {

	/** The routing key names an invalid client id or topic. */
	INVALID_ROUTING_KEY("invalid-routing-key"),

	/** The body is larger than {@code warren.ingest.max-body-bytes}. */
	BODY_TOO_LARGE("body-too-large"),

	/**
	 * The body claims to be text (a {@code text/*} or JSON content type, or none, which
	 * the nodes deliver as JSON) but is not valid UTF-8: clients would get a text frame
	 * they must reject, or silently altered text.
	 */
	BODY_NOT_UTF8("body-not-utf8"),

	/**
	 * {@code warren-op}, {@code warren-collection} and {@code warren-key} do not name a
	 * valid record operation.
	 */
	INVALID_RECORD_OP("invalid-record-op");

	private final String tag;

	DeadLetterReason(String tag) {
		this.tag = tag;
	}

	String tag() {
		return this.tag;
	}

}
