package dev.warren.subclient.load;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Replaces connections while the producer runs, on its own thread, as its
 * {@link ReplacementSchedule} says. Each replacement first asks the producer to stop
 * addressing the old connection, then opens a new client (a new id) in its slot, which
 * joins the audience once it is subscribed. The old connection is closed cleanly once
 * every message addressed to it arrived, or when the grace runs out: what is still
 * missing then is lost, since the connection stayed open for it.
 */
final class Replacer {

	private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

	private final ReplacementSchedule schedule;

	/** The connection in each slot now. */
	private final LoadConnection[] slots;

	private final Opener opener;

	private final Audience audience;

	private final long graceNanos;

	private final LoadStats stats;

	/** Left or leaving the audience, not closed yet; the replacer's thread only. */
	private final List<Retiring> retiring = new ArrayList<>();

	private final AtomicInteger subscribed = new AtomicInteger();

	private final AtomicInteger failed = new AtomicInteger();

	private int nextClient;

	private volatile int begun;

	private volatile int closed;

	private volatile int closedWithOutstanding;

	private volatile long startNanos;

	private volatile boolean running;

	private Thread thread;

	/**
	 * @param schedule when to replace which slot
	 * @param slots the connections the run started with, one per slot
	 * @param firstClient the client index of the first replacement; the next ones follow
	 * @param opener opens a new client's connection for a slot
	 * @param audience whom the producer addresses
	 * @param graceNanos how long an old connection stays open for messages addressed to
	 * it before it left
	 * @param stats where errors go
	 */
	Replacer(ReplacementSchedule schedule, List<LoadConnection> slots, int firstClient, Opener opener,
			Audience audience, long graceNanos, LoadStats stats) {
		this.schedule = schedule;
		this.slots = slots.toArray(LoadConnection[]::new);
		this.nextClient = firstClient;
		this.opener = opener;
		this.audience = audience;
		this.graceNanos = graceNanos;
		this.stats = stats;
	}

	/**
	 * Starts replacing on a thread of its own.
	 * @param startNanos when the producer started ({@link System#nanoTime()}), the
	 * schedule's origin
	 */
	void start(long startNanos) {
		this.startNanos = startNanos;
		this.running = true;
		this.thread = new Thread(() -> {
			while (this.running) {
				tick(System.nanoTime());
				LockSupport.parkNanos(TICK_NANOS);
			}
		}, "load-replacer");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Stops replacing once the producer stopped. Connections still within their grace
	 * stay open and are closed with the rest at the end of the run.
	 * @throws InterruptedException when interrupted while waiting for the thread
	 */
	void stop() throws InterruptedException {
		this.running = false;
		if (this.thread != null) {
			this.thread.join();
		}
	}

	/**
	 * Begins the replacements that are due and closes the old connections that may go.
	 * @param now the time ({@link System#nanoTime()})
	 */
	void tick(long now) {
		int due = this.schedule.dueBy(now - this.startNanos);
		while (this.begun < due) {
			replace(this.begun);
			this.begun++;
		}
		closeRetired(now);
	}

	private void replace(int k) {
		int slot = this.schedule.slotOf(k);
		LoadConnection old = this.slots[slot];
		CompletableFuture<Void> left = this.audience.leave(old.client(), old.tracker());
		LoadConnection fresh = this.opener.open(this.nextClient++, slot);
		this.slots[slot] = fresh;
		fresh.ready.whenComplete((ok, failure) -> {
			if (failure == null) {
				this.subscribed.incrementAndGet();
				this.audience.join(fresh.client(), fresh.tracker());
			}
			else {
				this.failed.incrementAndGet();
			}
		});
		this.retiring.add(new Retiring(old, left));
	}

	/**
	 * The grace starts at the first tick that sees the producer stopped addressing the
	 * connection, at most one tick late.
	 */
	private void closeRetired(long now) {
		for (Iterator<Retiring> i = this.retiring.iterator(); i.hasNext();) {
			Retiring next = i.next();
			if (!next.left.isDone()) {
				continue;
			}
			if (next.leftAt == Long.MIN_VALUE) {
				next.leftAt = now;
			}
			long outstanding = next.connection.tracker().outstanding();
			if (outstanding > 0 && now - next.leftAt < this.graceNanos) {
				continue;
			}
			if (outstanding > 0) {
				this.closedWithOutstanding++;
				this.stats.error("client " + next.connection.client() + " replaced with " + outstanding
						+ " message(s) addressed to it still missing after the grace");
			}
			next.connection.disconnect();
			this.closed++;
			i.remove();
		}
	}

	/**
	 * What the replacements came to.
	 * @return the figures so far
	 */
	Figures figures() {
		return new Figures(this.begun, this.closed, this.subscribed.get(), this.failed.get(),
				this.closedWithOutstanding);
	}

	/**
	 * Opens the connection of a new client in a slot.
	 */
	@FunctionalInterface
	interface Opener {

		/**
		 * @param client the new client's index
		 * @param slot the slot it takes
		 * @return its connection, being opened
		 */
		LoadConnection open(int client, int slot);

	}

	/**
	 * @param begun replacements begun (old connection asked to leave, new one opened)
	 * @param closed old connections closed
	 * @param subscribed new connections that subscribed
	 * @param failed new connections that did not
	 * @param closedWithOutstanding old connections closed after the grace with messages
	 * addressed to them still missing
	 */
	record Figures(int begun, int closed, int subscribed, int failed, int closedWithOutstanding) {
	}

	/** An old connection on its way out; the replacer's thread only. */
	private static final class Retiring {

		final LoadConnection connection;

		final CompletableFuture<Void> left;

		/**
		 * When the replacer first saw that it left, {@code Long.MIN_VALUE} until then.
		 */
		long leftAt = Long.MIN_VALUE;

		Retiring(LoadConnection connection, CompletableFuture<Void> left) {
			this.connection = connection;
			this.left = left;
		}

	}

}
