package dev.warren.subclient.load;

/**
 * Checks what one client receives against the streams it should receive: every message
 * belongs to one of them and arrives on the subscription that carries it (else it is
 * misdelivered), sequence numbers rise (else it is out of order) and none comes twice.
 * Duplicates are told apart from late arrivals within the last 64 sequence numbers of a
 * stream; anything older that arrives late counts as out of order. Used by one I/O thread
 * at a time, so it keeps plain fields.
 */
final class StreamTracker {

	private static final int WINDOW = 64;

	private final int[] streams;

	private final int[] subscriptions;

	private final long[] highest;

	private final long[] seen;

	long received;

	long duplicates;

	long outOfOrder;

	long misdelivered;

	/**
	 * @param streams the stream ids this client should receive
	 * @param subscriptions for each stream, the subscription id that carries it
	 */
	StreamTracker(int[] streams, int[] subscriptions) {
		this.streams = streams;
		this.subscriptions = subscriptions;
		this.highest = new long[streams.length];
		this.seen = new long[streams.length];
	}

	/**
	 * Records one arrival.
	 * @param subscription the subscription it arrived on
	 * @param stream its stream
	 * @param sequence its sequence number within the stream
	 * @return {@code true} when it is a first, correctly delivered arrival whose latency
	 * should count
	 */
	boolean arrived(int subscription, int stream, long sequence) {
		int slot = slotOf(stream);
		if (slot < 0 || this.subscriptions[slot] != subscription || sequence < 1) {
			this.misdelivered++;
			return false;
		}
		long top = this.highest[slot];
		if (sequence > top) {
			long shift = sequence - top;
			this.seen[slot] = (shift >= WINDOW) ? 1L : (this.seen[slot] << shift) | 1L;
			this.highest[slot] = sequence;
			this.received++;
			return true;
		}
		long age = top - sequence;
		if (age < WINDOW) {
			long bit = 1L << age;
			if ((this.seen[slot] & bit) != 0) {
				this.duplicates++;
				return false;
			}
			this.seen[slot] |= bit;
		}
		this.outOfOrder++;
		this.received++;
		return true;
	}

	/**
	 * Forgets the counts (not the sequence state) once a warm-up is over.
	 */
	void resetCounts() {
		this.received = 0;
		this.duplicates = 0;
		this.outOfOrder = 0;
		this.misdelivered = 0;
	}

	private int slotOf(int stream) {
		for (int i = 0; i < this.streams.length; i++) {
			if (this.streams[i] == stream) {
				return i;
			}
		}
		return -1;
	}

}
