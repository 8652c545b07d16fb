package dev.warren.publisher.ingest;

/**
 * Told the name of each topic a message is ingested for, on the ingest consumer's thread:
 * an implementation must return at once.
 */
@FunctionalInterface
public interface TopicSightings {

	/**
	 * A message for {@code topic} was accepted.
	 * @param topic the topic's name
	 */
	void seen(String topic);

}
