package dev.warren.socket.history;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import dev.warren.common.RoutingKey;
import dev.warren.socket.hub.History;
import dev.warren.socket.node.Delivery;
import dev.warren.socket.node.DeliveryRecorder;

/**
 * The history of a node on the embedded broker, which has no streams: what the node's
 * consumer handed to the hub, newest last, bounded by age and by bytes. It dies with the
 * node, whose next start gives positions that name other messages, so a client that comes
 * back with an old one is told {@code continuity-lost}.
 */
public final class MemoryHistory implements History, DeliveryRecorder {

	/**
	 * What a kept message costs besides its body: the entry, the delivery, its strings.
	 */
	private static final int OVERHEAD = 160;

	private final ArrayDeque<Entry> entries = new ArrayDeque<>();

	private final long maxBytes;

	private final long maxAgeNanos;

	private long bytes;

	/**
	 * A history bounded by age and size.
	 * @param maxAge how long a message is kept at most
	 * @param maxBytes how many bytes of messages are kept at most
	 */
	public MemoryHistory(Duration maxAge, long maxBytes) {
		this.maxBytes = maxBytes;
		this.maxAgeNanos = maxAge.toNanos();
	}

	@Override
	public boolean enabled() {
		return true;
	}

	@Override
	public synchronized void record(long offset, RoutingKey target, Delivery delivery) {
		long now = System.nanoTime();
		this.entries.addLast(new Entry(offset, target, delivery, now));
		this.bytes += delivery.body().length + OVERHEAD;
		evict(now);
	}

	@Override
	public boolean read(long from, long through, Duration timeout, Reader reader) {
		List<Entry> wanted = new ArrayList<>();
		synchronized (this) {
			evict(System.nanoTime());
			// Recoveries ask for the recent end: walk back from it.
			Iterator<Entry> newestFirst = this.entries.descendingIterator();
			while (newestFirst.hasNext()) {
				Entry entry = newestFirst.next();
				if (entry.offset < from) {
					break;
				}
				if (entry.offset <= through) {
					wanted.add(entry);
				}
			}
		}
		for (int i = wanted.size() - 1; i >= 0; i--) {
			Entry entry = wanted.get(i);
			if (!reader.message(entry.offset, entry.target, entry.delivery)) {
				break;
			}
		}
		return true;
	}

	/**
	 * How many messages are kept.
	 * @return the count
	 */
	public synchronized int size() {
		return this.entries.size();
	}

	private void evict(long now) {
		Entry oldest = this.entries.peekFirst();
		while (oldest != null && (this.bytes > this.maxBytes || now - oldest.at > this.maxAgeNanos)) {
			this.entries.removeFirst();
			this.bytes -= oldest.delivery.body().length + OVERHEAD;
			oldest = this.entries.peekFirst();
		}
	}

	private record Entry(long offset, RoutingKey target, Delivery delivery, long at) {
	}

}
