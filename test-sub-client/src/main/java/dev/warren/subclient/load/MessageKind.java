package dev.warren.subclient.load;

/**
 * The three ways a load message is addressed, as in Warren's routing keys.
 */
public enum MessageKind {

	/** {@code client.<id>}: one client's private channel. */
	DIRECT,

	/** {@code topic.<name>}: every subscriber of the topic. */
	TOPIC,

	/** {@code broadcast}: every connected client's private channel. */
	BROADCAST

}
