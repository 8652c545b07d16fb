package dev.warren.subclient.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replacer driven tick by tick with a made-up clock (time since the producer
 * started), its connections never opened: what it asks of the audience, and when it
 * closes an old connection.
 */
class ReplacerTests {

	private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

	private static final long GRACE = 2000 * MILLI;

	// 10 slots, 5 topics, each client follows one; all of them replaced every minute for
	// 2 minutes: one replacement every 6 s, 20 in all, taking the ids 10 to 29.
	private final LoadPlan plan = new LoadPlan(LoadTarget.WARREN, "r", LoadPlan.syntheticIds("r", 30), 5, 1, 1, false);

	private final LoadStats stats = new LoadStats(List.of("ws://node"));

	private final Audience audience = new Audience(this.plan);

	private final long[] sequences = new long[this.plan.directStream(this.plan.clients())];

	private final List<LoadConnection> opened = new ArrayList<>();

	private final List<StreamTracker> trackers = new ArrayList<>();

	private final Replacer replacer;

	ReplacerTests() {
		List<LoadConnection> slots = new ArrayList<>();
		for (int c = 0; c < 10; c++) {
			LoadConnection connection = connection(c);
			connection.ready.complete(null);
			this.audience.join(c, connection.tracker());
			slots.add(connection);
		}
		this.audience.apply(this.sequences);
		this.replacer = new Replacer(ReplacementSchedule.of(10, 100, 120), slots, 10, (client, slot) -> {
			LoadConnection fresh = connection(client);
			this.opened.add(fresh);
			return fresh;
		}, this.audience, GRACE, this.stats);
	}

	@Test
	void replacesOnScheduleWithNewClientIdsInTheOldSlot() {
		this.replacer.tick(5999 * MILLI);
		assertThat(this.opened).isEmpty();
		this.replacer.tick(6000 * MILLI);
		assertThat(this.opened).extracting(LoadConnection::client).containsExactly(10);
		this.replacer.tick(60_000 * MILLI);
		assertThat(this.opened).hasSize(10);
		this.audience.apply(this.sequences);
		assertThat(members()).isEmpty();
		// The second round replaces the first round's clients, in the same order.
		this.opened.get(0).ready.complete(null);
		this.audience.apply(this.sequences);
		assertThat(members()).containsExactly(10);
		this.replacer.tick(66_000 * MILLI);
		this.audience.apply(this.sequences);
		assertThat(members()).isEmpty();
		this.replacer.tick(120_000 * MILLI);
		assertThat(this.replacer.figures().begun()).isEqualTo(20);
		assertThat(this.opened).extracting(LoadConnection::client).doesNotHaveDuplicates().last().isEqualTo(29);
		this.replacer.tick(600_000 * MILLI);
		assertThat(this.replacer.figures().begun()).isEqualTo(20);
	}

	@Test
	void theNewClientJoinsOnceSubscribedAndTheOldOneLeaves() {
		this.replacer.tick(6000 * MILLI);
		this.audience.apply(this.sequences);
		assertThat(members()).hasSize(9).doesNotContain(0, 10);
		this.opened.get(0).ready.complete(null);
		this.audience.apply(this.sequences);
		assertThat(members()).hasSize(10).contains(10).doesNotContain(0);
		assertThat(this.replacer.figures().subscribed()).isEqualTo(1);
	}

	@Test
	void theOldConnectionIsClosedOnceWhatWasAddressedToItArrived() {
		// Client 0 follows topic 0; a message is on its way to it when it is replaced.
		long sequence = ++this.sequences[0];
		this.replacer.tick(6000 * MILLI);
		assertThat(this.replacer.figures().closed()).isZero();
		this.audience.apply(this.sequences);
		this.replacer.tick(6005 * MILLI);
		assertThat(this.replacer.figures().closed()).isZero();
		assertThat(this.replacer.figures().begun()).isEqualTo(1);
		tracker(0).arrived(1, 0, sequence);
		this.replacer.tick(6010 * MILLI);
		assertThat(this.replacer.figures().closed()).isEqualTo(1);
		assertThat(this.replacer.figures().closedWithOutstanding()).isZero();
		assertThat(this.stats.errorCount()).isZero();
	}

	@Test
	void aMessageStillMissingAfterTheGraceIsReportedAndTheConnectionClosed() {
		++this.sequences[0];
		this.replacer.tick(6000 * MILLI);
		this.audience.apply(this.sequences);
		this.replacer.tick(6005 * MILLI);
		this.replacer.tick(6005 * MILLI + GRACE - 1);
		assertThat(this.replacer.figures().closed()).isZero();
		this.replacer.tick(6005 * MILLI + GRACE);
		assertThat(this.replacer.figures().closed()).isEqualTo(1);
		assertThat(this.replacer.figures().closedWithOutstanding()).isEqualTo(1);
		assertThat(this.stats.errors()).singleElement().asString().contains("client 0", "1 message(s)");
	}

	@Test
	void nothingIsClosedBeforeTheProducerStoppedAddressingIt() {
		this.replacer.tick(6000 * MILLI);
		this.replacer.tick(6000 * MILLI + 10 * GRACE);
		assertThat(this.replacer.figures().closed()).isZero();
	}

	private StreamTracker tracker(int client) {
		return this.trackers.get(client);
	}

	private LoadConnection connection(int client) {
		StreamTracker tracker = this.plan.trackerFor(client);
		while (this.trackers.size() <= client) {
			this.trackers.add(null);
		}
		this.trackers.set(client, tracker);
		return new LoadConnection(client, "CONNECT\n\n\0", this.plan.destinations(client), tracker, this.stats,
				this.stats.nodes.get(0), 0, false);
	}

	private List<Integer> members() {
		List<Integer> members = new ArrayList<>();
		for (int i = 0; i < this.audience.size(); i++) {
			members.add(this.audience.member(i));
		}
		return members;
	}

}
