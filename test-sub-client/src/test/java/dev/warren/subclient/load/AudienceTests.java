package dev.warren.subclient.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producer's audience and its clients' windows, driven the way the producer and the
 * server drive them: the producer publishes to a topic and adds its members to what it
 * expects, the server delivers to every connection subscribed to the topic, members or
 * not.
 */
class AudienceTests {

	// 6 client ids, 2 topics, each client follows one: clients 0, 2, 4 topic 0; 1, 3, 5
	// topic 1.
	private final LoadPlan plan = new LoadPlan(LoadTarget.WARREN, "r", LoadPlan.syntheticIds("r", 6), 2, 1, 1, false);

	private final Audience audience = new Audience(this.plan);

	private final long[] sequences = new long[this.plan.directStream(this.plan.clients())];

	private final StreamTracker[] trackers = new StreamTracker[this.plan.clients()];

	/** Connections the server delivers to, by client; members or not. */
	private final boolean[] connected = new boolean[this.plan.clients()];

	private long expected;

	@Test
	void aJoinCountsFromTheNextMessageOnOnceTheProducerAppliedIt() {
		connect(0);
		connect(2);
		this.audience.join(0, this.trackers[0]);
		publishTopic(0);
		assertThat(this.expected).isZero();
		this.audience.apply(this.sequences);
		assertThat(this.audience.size()).isEqualTo(1);
		assertThat(this.audience.subscribers(0)).isEqualTo(1);
		publishTopic(0);
		publishTopic(0);
		assertThat(this.expected).isEqualTo(2);
		assertThat(this.trackers[0].received).isEqualTo(2);
		assertThat(this.trackers[0].unaddressed).isEqualTo(1);
		// Subscribed, never joined: receives everything, counts nothing.
		assertThat(this.trackers[2].received).isZero();
		assertThat(this.trackers[2].unaddressed).isEqualTo(3);
	}

	@Test
	void aLeavingClientIsOwedExactlyWhatWasAddressedToItBeforeTheProducerApplied() {
		connect(1);
		connect(3);
		join(1, 3);
		publishTopic(1);
		CompletableFuture<Void> left = this.audience.leave(1, this.trackers[1]);
		publishTopic(1);
		assertThat(left).isNotDone();
		assertThat(this.trackers[1].outstanding()).isEqualTo(-1);
		this.audience.apply(this.sequences);
		assertThat(left).isDone();
		assertThat(this.audience.subscribers(1)).isEqualTo(1);
		// Two messages were addressed to it before the leave was applied; one more after.
		long third = publishTopicWithoutDelivery(1);
		assertThat(this.trackers[1].outstanding()).isZero();
		assertThat(this.expected).isEqualTo(2 + 2 + 1);
		deliver(1, third);
		deliver(3, third);
		assertThat(this.trackers[1].unaddressed).isEqualTo(1);
		assertThat(this.trackers[3].received).isEqualTo(3);
		assertThat(this.trackers[1].received + this.trackers[3].received).isEqualTo(this.expected);
	}

	@Test
	void whatIsInFlightWhenAClientLeavesIsOutstandingUntilItArrives() {
		connect(0);
		join(0);
		long first = publishTopicWithoutDelivery(0);
		long second = publishTopicWithoutDelivery(0);
		this.audience.leave(0, this.trackers[0]);
		this.audience.apply(this.sequences);
		assertThat(this.trackers[0].outstanding()).isEqualTo(2);
		deliver(0, first);
		assertThat(this.trackers[0].outstanding()).isEqualTo(1);
		deliver(0, second);
		assertThat(this.trackers[0].outstanding()).isZero();
	}

	@Test
	void aClientThatLeavesBeforeItJoinedIsNeverAddressed() {
		connect(4);
		this.audience.leave(4, this.trackers[4]);
		this.audience.join(4, this.trackers[4]);
		this.audience.apply(this.sequences);
		assertThat(this.audience.size()).isZero();
		publishTopic(0);
		assertThat(this.expected).isZero();
		assertThat(this.trackers[4].outstanding()).isZero();
		assertThat(this.trackers[4].unaddressed).isEqualTo(1);
	}

	@Test
	void membersStayDistinctWhileOthersLeaveAndJoin() {
		for (int c = 0; c < 6; c++) {
			connect(c);
		}
		join(0, 1, 2, 3);
		this.audience.leave(1, this.trackers[1]);
		this.audience.leave(0, this.trackers[0]);
		this.audience.join(5, this.trackers[5]);
		this.audience.apply(this.sequences);
		List<Integer> members = new ArrayList<>();
		for (int i = 0; i < this.audience.size(); i++) {
			members.add(this.audience.member(i));
		}
		assertThat(members).containsExactlyInAnyOrder(2, 3, 5);
		assertThat(this.audience.subscribers(0)).isEqualTo(1);
		assertThat(this.audience.subscribers(1)).isEqualTo(2);
	}

	@Test
	void withJoinsAndLeavesAtRandomEveryExpectedDeliveryIsReceivedExactlyOnce() {
		Random random = new Random(42);
		for (int c = 0; c < 6; c++) {
			connect(c);
		}
		boolean[] asked = new boolean[6];
		for (int step = 0; step < 2000; step++) {
			int c = random.nextInt(6);
			if (random.nextInt(10) == 0 && !asked[c]) {
				asked[c] = true;
				if (random.nextBoolean()) {
					this.audience.join(c, this.trackers[c]);
				}
				else {
					this.audience.leave(c, this.trackers[c]);
				}
			}
			if (random.nextInt(5) == 0) {
				this.audience.apply(this.sequences);
			}
			publishTopic(random.nextInt(2));
		}
		long received = 0;
		for (StreamTracker tracker : this.trackers) {
			received += tracker.received;
			assertThat(tracker.duplicates + tracker.outOfOrder + tracker.misdelivered).isZero();
		}
		assertThat(received).isEqualTo(this.expected).isPositive();
	}

	private void connect(int client) {
		this.trackers[client] = this.plan.trackerFor(client);
		this.connected[client] = true;
	}

	private void join(int... clients) {
		for (int client : clients) {
			this.audience.join(client, this.trackers[client]);
		}
		this.audience.apply(this.sequences);
	}

	/** Publishes on a topic and delivers to every connection that follows it. */
	private void publishTopic(int topic) {
		long sequence = publishTopicWithoutDelivery(topic);
		for (int c = 0; c < this.trackers.length; c++) {
			if (this.connected[c] && this.plan.topicOf(c, 0) == topic) {
				deliver(c, sequence);
			}
		}
	}

	private long publishTopicWithoutDelivery(int topic) {
		long sequence = ++this.sequences[topic];
		this.expected += this.audience.subscribers(topic);
		return sequence;
	}

	private void deliver(int client, long sequence) {
		this.trackers[client].arrived(1, this.plan.topicOf(client, 0), sequence);
	}

}
