package dev.warren.socket.hub;

import java.time.Duration;

import dev.warren.common.RoutingKey;
import dev.warren.socket.node.Delivery;

/**
 * The recent deliveries a node can replay to a client that comes back with a position: a
 * RabbitMQ stream, or the node's own memory on the embedded broker. Offsets grow with
 * every message in the order the node delivers them; they may skip numbers.
 */
public interface History {

	/** No history: positions are not given and recovery always reports a gap. */
	History NONE = new History() {

		@Override
		public boolean enabled() {
			return false;
		}

		@Override
		public boolean read(long from, long through, Duration timeout, Reader reader) {
			return false;
		}

	};

	/**
	 * Whether deliveries carry positions that {@link #read} can resume from.
	 * @return whether there is a history
	 */
	boolean enabled();

	/**
	 * Hands the kept messages from offset {@code from} through {@code through} to the
	 * reader, in order, starting with the first message kept at or after {@code from}.
	 * @param from the first offset wanted
	 * @param through the last offset wanted
	 * @param timeout how long the reading may take
	 * @param reader takes each message; returning {@code false} stops the reading
	 * @return {@code false} when the history could not be read to the end in time
	 */
	boolean read(long from, long through, Duration timeout, Reader reader);

	/** Takes the messages {@link #read} finds. */
	@FunctionalInterface
	interface Reader {

		/**
		 * One message of the history.
		 * @param offset its offset
		 * @param target where it went
		 * @param delivery the message
		 * @return whether to go on
		 */
		boolean message(long offset, RoutingKey target, Delivery delivery);

	}

}
