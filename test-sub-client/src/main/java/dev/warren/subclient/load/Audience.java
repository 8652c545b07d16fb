package dev.warren.subclient.load;

import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The clients the producer addresses. Other threads ask for a client to join (once it is
 * subscribed) or to leave (before it is closed); the producer applies what was asked
 * between two publishes, so a client's window of addressed messages (its
 * {@link StreamTracker}) and the producer's count of expected deliveries change at the
 * same instant and always agree. Everything but {@link #join} and {@link #leave} runs on
 * the producer's thread.
 */
final class Audience {

	private final LoadPlan plan;

	private final Queue<Change> changes = new ConcurrentLinkedQueue<>();

	/** Members' trackers, by client index; {@code null} for non-members. */
	private final StreamTracker[] trackers;

	/**
	 * Where each client sits in {@link #members}, by client index; -1 for non-members.
	 */
	private final int[] positions;

	private final int[] members;

	private final int[] subscribersPerTopic;

	private int size;

	/**
	 * @param plan who follows which topics; its client ids bound the client indexes
	 */
	Audience(LoadPlan plan) {
		this.plan = plan;
		this.trackers = new StreamTracker[plan.clients()];
		this.positions = new int[plan.clients()];
		Arrays.fill(this.positions, -1);
		this.members = new int[plan.clients()];
		this.subscribersPerTopic = new int[plan.topics()];
	}

	/**
	 * Asks for a subscribed client to be addressed from the producer's next message on;
	 * any thread.
	 * @param client the client's index
	 * @param tracker its tracker
	 */
	void join(int client, StreamTracker tracker) {
		this.changes.add(new Change(client, tracker, null));
	}

	/**
	 * Asks for a client to be addressed no more; any thread. A client that has not joined
	 * yet never will.
	 * @param client the client's index
	 * @param tracker its tracker
	 * @return completes once the producer stopped addressing it; from then on its tracker
	 * knows what is outstanding
	 */
	CompletableFuture<Void> leave(int client, StreamTracker tracker) {
		CompletableFuture<Void> left = new CompletableFuture<>();
		this.changes.add(new Change(client, tracker, left));
		return left;
	}

	/**
	 * Applies the joins and leaves asked for since the last call, in order.
	 * @param sequences the last sequence number published, by stream id
	 */
	void apply(long[] sequences) {
		Change change;
		while ((change = this.changes.poll()) != null) {
			if (change.left() == null) {
				add(change.client(), change.tracker(), sequences);
			}
			else {
				remove(change.client(), change.tracker(), sequences);
				change.left().complete(null);
			}
		}
	}

	/**
	 * Starts every member's window afresh at the next message, after a warm-up.
	 * @param sequences the last sequence number published, by stream id
	 */
	void readdress(long[] sequences) {
		for (int i = 0; i < this.size; i++) {
			this.trackers[this.members[i]].readdress(sequences);
		}
	}

	int size() {
		return this.size;
	}

	/**
	 * @param index from 0 to {@link #size()}
	 * @return the client index of that member
	 */
	int member(int index) {
		return this.members[index];
	}

	/**
	 * @param topic the topic
	 * @return how many members follow it
	 */
	int subscribers(int topic) {
		return this.subscribersPerTopic[topic];
	}

	int topics() {
		return this.subscribersPerTopic.length;
	}

	private void add(int client, StreamTracker tracker, long[] sequences) {
		if (this.positions[client] >= 0 || !tracker.address(sequences)) {
			return;
		}
		this.positions[client] = this.size;
		this.members[this.size++] = client;
		this.trackers[client] = tracker;
		for (int j = 0; j < this.plan.topicsPerClient(); j++) {
			this.subscribersPerTopic[this.plan.topicOf(client, j)]++;
		}
	}

	private void remove(int client, StreamTracker tracker, long[] sequences) {
		tracker.leave(sequences);
		int at = this.positions[client];
		if (at < 0) {
			return;
		}
		int last = this.members[--this.size];
		this.members[at] = last;
		this.positions[last] = at;
		this.positions[client] = -1;
		this.trackers[client] = null;
		for (int j = 0; j < this.plan.topicsPerClient(); j++) {
			this.subscribersPerTopic[this.plan.topicOf(client, j)]--;
		}
	}

	/** A join ({@code left} is {@code null}) or a leave. */
	private record Change(int client, StreamTracker tracker, CompletableFuture<Void> left) {
	}

}
