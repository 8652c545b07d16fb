package dev.warren.publisher.topic;

import java.time.Instant;

/**
 * A topic as the API shows it, and as the catalogue events carry it.
 *
 * @param name the topic's name (destination {@code /topic/<name>})
 * @param description what it carries, or {@code null}
 * @param visibility {@code public}: any authenticated client may subscribe;
 * {@code private}: its members only
 * @param clientPublish whether clients that may subscribe may also publish to it
 * @param encrypted whether its messages are sealed per member
 * @param members how many members a private topic has; {@code null} for a public one
 * @param subscribers how many subscriptions it has on the live nodes together (as they
 * announced them in the last seconds); {@code null} in catalogue events
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param lastMessageAt when a message for it last went through ingest (written every few
 * seconds), or {@code null}
 */
record TopicView(String name, String description, String visibility, boolean clientPublish, boolean encrypted,
		Integer members, Integer subscribers, Instant createdAt, Instant updatedAt, Instant lastMessageAt) {

	TopicView withSubscribers(int count) {
		return new TopicView(this.name, this.description, this.visibility, this.clientPublish, this.encrypted,
				this.members, count, this.createdAt, this.updatedAt, this.lastMessageAt);
	}

}
