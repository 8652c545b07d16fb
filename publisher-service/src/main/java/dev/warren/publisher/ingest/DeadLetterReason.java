package dev.warren.publisher.ingest;

/**
 * Why an ingest message was rejected as invalid; the tag of the
 * {@code warren.ingest.dead.lettered} counter.
 */
enum DeadLetterReason {

	/** The routing key names an invalid client id or topic. */
	INVALID_ROUTING_KEY("invalid-routing-key"),

	/** The body is larger than {@code warren.ingest.max-body-bytes}. */
	BODY_TOO_LARGE("body-too-large");

	private final String tag;

	DeadLetterReason(String tag) {
		this.tag = tag;
	}

	String tag() {
		return this.tag;
	}

}
