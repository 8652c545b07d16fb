package dev.warren.publisher.topic;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /v1/topics} (with {@code name}) and {@code PUT /v1/topics/{name}}.
 *
 * @param name the topic's name, 1 to 128 characters of {@code [A-Za-z0-9_.-]}; only on
 * create
 * @param description what the topic carries, up to 500 characters
 * @param visibility {@code public}: any authenticated client may subscribe;
 * {@code private}: its members only
 * @param clientPublish whether clients that may subscribe may also publish to it
 * @param members for a private topic, the client ids that may subscribe (on update: when
 * given, they replace the members; when left out, the members stay)
 * @param encrypted for a private topic: its messages leave publisher-service as one
 * Fernet token per member, each sealed with that member's key
 */
record TopicRequest(@Size(max = 128) String name, @Size(max = 500) String description,
		@NotNull @Pattern(regexp = "public|private", message = "must be public or private") String visibility,
		Boolean clientPublish, @Size(max = MAX_MEMBERS) List<String> members, Boolean encrypted) {

	/** Members one request may name; more are added one by one. */
	static final int MAX_MEMBERS = 10_000;

}
