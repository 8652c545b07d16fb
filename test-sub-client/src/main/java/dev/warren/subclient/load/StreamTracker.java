package dev.warren.subclient.load;

/**
 * Checks what one client receives against the streams it should receive: every message
 * belongs to one of them and arrives on the subscription that carries it (else it is
 * misdelivered), sequence numbers rise (else it is out of order) and none comes twice.
 * Duplicates are told apart from late arrivals within the last 64 sequence numbers of a
 * stream; anything older that arrives late counts as out of order.
 * <p>
 * Only messages the producer addressed to this client count: per stream, from the first
 * message published after the client joined the producer's {@link Audience} to the last
 * one published before it left. A topic message that reaches the client outside that
 * window (it subscribed a moment before it joined, or is being replaced) is neither
 * received nor lost, so a run with replaced connections still accounts for every message
 * exactly. The producer's thread moves the window, between two publishes; everything else
 * is used by one I/O thread at a time and keeps plain fields.
 */
final class StreamTracker {

	private static final int WINDOW = 64;

	/** Not addressed yet: every arrival is outside the window. */
	private static final int WAITING = 0;

	/** Addressed from {@link #from} on, with no end yet. */
	private static final int ADDRESSED = 1;

	/** Addressed from {@link #from} to {@link #to}, both included. */
	private static final int LEFT = 2;

	private final int[] streams;

	private final int[] subscriptions;

	private final long[] highest;

	private final long[] seen;

	private final long[] from;

	private final long[] to;

	/**
	 * Written after {@link #from} and {@link #to}, read before them: the window an I/O
	 * thread sees is complete. A message published after a change reaches the I/O thread
	 * through the broker and two sockets, well after that write.
	 */
	private volatile int addressing = WAITING;

	long received;

	long duplicates;

	long outOfOrder;

	long misdelivered;

	/**
	 * Arrivals of this client's own streams outside the window the producer addressed.
	 */
	long unaddressed;

	/**
	 * @param streams the stream ids this client should receive
	 * @param subscriptions for each stream, the subscription id that carries it
	 */
	StreamTracker(int[] streams, int[] subscriptions) {
		this.streams = streams;
		this.subscriptions = subscriptions;
		this.highest = new long[streams.length];
		this.seen = new long[streams.length];
		this.from = new long[streams.length];
		this.to = new long[streams.length];
	}

	/**
	 * Records one arrival.
	 * @param subscription the subscription it arrived on
	 * @param stream its stream
	 * @param sequence its sequence number within the stream
	 * @return {@code true} when it is a first, correctly delivered, addressed arrival
	 * whose latency should count
	 */
	boolean arrived(int subscription, int stream, long sequence) {
		int slot = slotOf(stream);
		if (slot < 0 || this.subscriptions[slot] != subscription || sequence < 1) {
			this.misdelivered++;
			return false;
		}
		if (!addressed(slot, sequence)) {
			this.unaddressed++;
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
	 * Starts the window at the next message of each of this client's streams; on the
	 * producer's thread.
	 * @param sequences the last sequence number published, by stream id
	 * @return {@code false} when the client left before it could join
	 */
	boolean address(long[] sequences) {
		if (this.addressing != WAITING) {
			return false;
		}
		for (int i = 0; i < this.streams.length; i++) {
			this.from[i] = sequences[this.streams[i]] + 1;
			this.to[i] = Long.MAX_VALUE;
		}
		this.addressing = ADDRESSED;
		return true;
	}

	/**
	 * Starts an addressed window afresh at the next message, once a warm-up's arrivals
	 * were counted and forgotten, so that what is outstanding stays exact; on the
	 * producer's thread while it does not publish.
	 * @param sequences the last sequence number published, by stream id
	 */
	void readdress(long[] sequences) {
		if (this.addressing == ADDRESSED) {
			for (int i = 0; i < this.streams.length; i++) {
				this.from[i] = sequences[this.streams[i]] + 1;
			}
			this.addressing = ADDRESSED;
		}
	}

	/**
	 * Ends the window at the last message published on each stream; a client that never
	 * joined gets an empty window and can no longer join. On the producer's thread.
	 * @param sequences the last sequence number published, by stream id
	 */
	void leave(long[] sequences) {
		int was = this.addressing;
		if (was == LEFT) {
			return;
		}
		for (int i = 0; i < this.streams.length; i++) {
			if (was == WAITING) {
				this.from[i] = 1;
				this.to[i] = 0;
			}
			else {
				this.to[i] = sequences[this.streams[i]];
			}
		}
		this.addressing = LEFT;
	}

	/**
	 * Messages addressed to this client that have not arrived (yet), once it left.
	 * {@link #received} is written by the I/O thread: a stale read only makes the answer
	 * larger, never smaller.
	 * @return how many, or -1 while the client has not left
	 */
	long outstanding() {
		if (this.addressing != LEFT) {
			return -1;
		}
		long addressed = 0;
		for (int i = 0; i < this.streams.length; i++) {
			addressed += Math.max(0, this.to[i] - this.from[i] + 1);
		}
		return addressed - this.received;
	}

	/**
	 * Forgets the counts (not the sequence state) once a warm-up is over.
	 */
	void resetCounts() {
		this.received = 0;
		this.duplicates = 0;
		this.outOfOrder = 0;
		this.misdelivered = 0;
		this.unaddressed = 0;
	}

	private boolean addressed(int slot, long sequence) {
		int state = this.addressing;
		return state != WAITING && sequence >= this.from[slot] && (state == ADDRESSED || sequence <= this.to[slot]);
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
