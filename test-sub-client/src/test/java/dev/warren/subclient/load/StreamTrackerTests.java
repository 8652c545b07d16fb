package dev.warren.subclient.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamTrackerTests {

	// Streams 10 (on subscription 0) and 20 (on subscription 1).
	private final StreamTracker tracker = new StreamTracker(new int[] { 10, 20 }, new int[] { 0, 1 });

	/** The producer's last sequence number per stream id. */
	private final long[] sequences = new long[21];

	StreamTrackerTests() {
		this.tracker.address(this.sequences);
	}

	@Test
	void inOrderArrivalsAreCountedAndTimed() {
		for (long n = 1; n <= 100; n++) {
			assertThat(this.tracker.arrived(0, 10, n)).isTrue();
			assertThat(this.tracker.arrived(1, 20, n)).isTrue();
		}
		assertThat(this.tracker.received).isEqualTo(200);
		assertThat(this.tracker.duplicates + this.tracker.outOfOrder + this.tracker.misdelivered).isZero();
	}

	@Test
	void aGapIsNotAnErrorButALateArrivalIsOutOfOrder() {
		this.tracker.arrived(0, 10, 1);
		this.tracker.arrived(0, 10, 3);
		assertThat(this.tracker.outOfOrder).isZero();
		assertThat(this.tracker.arrived(0, 10, 2)).isTrue();
		assertThat(this.tracker.outOfOrder).isEqualTo(1);
		assertThat(this.tracker.received).isEqualTo(3);
	}

	@Test
	void duplicatesAreToldApartFromLateArrivals() {
		this.tracker.arrived(0, 10, 1);
		this.tracker.arrived(0, 10, 2);
		assertThat(this.tracker.arrived(0, 10, 2)).isFalse();
		assertThat(this.tracker.arrived(0, 10, 1)).isFalse();
		assertThat(this.tracker.duplicates).isEqualTo(2);
		this.tracker.arrived(0, 10, 70);
		assertThat(this.tracker.arrived(0, 10, 69 - 62)).isTrue();
		assertThat(this.tracker.arrived(0, 10, 69 - 62)).isFalse();
		assertThat(this.tracker.duplicates).isEqualTo(3);
		assertThat(this.tracker.outOfOrder).isEqualTo(1);
		assertThat(this.tracker.received).isEqualTo(4);
	}

	@Test
	void arrivalsOlderThanTheWindowCountAsOutOfOrder() {
		this.tracker.arrived(0, 10, 1);
		this.tracker.arrived(0, 10, 200);
		assertThat(this.tracker.arrived(0, 10, 1)).isTrue();
		assertThat(this.tracker.outOfOrder).isEqualTo(1);
	}

	@Test
	void foreignStreamsAndWrongSubscriptionsAreMisdelivered() {
		assertThat(this.tracker.arrived(0, 11, 1)).isFalse();
		assertThat(this.tracker.arrived(1, 10, 1)).isFalse();
		assertThat(this.tracker.arrived(0, 10, 0)).isFalse();
		assertThat(this.tracker.misdelivered).isEqualTo(3);
		assertThat(this.tracker.received).isZero();
	}

	@Test
	void resetKeepsSequenceState() {
		this.tracker.arrived(0, 10, 1);
		this.tracker.arrived(0, 10, 1);
		this.tracker.resetCounts();
		assertThat(this.tracker.received + this.tracker.duplicates).isZero();
		assertThat(this.tracker.arrived(0, 10, 1)).isFalse();
		assertThat(this.tracker.arrived(0, 10, 2)).isTrue();
	}

	@Test
	void nothingCountsBeforeTheClientIsAddressed() {
		StreamTracker waiting = new StreamTracker(new int[] { 10 }, new int[] { 0 });
		assertThat(waiting.arrived(0, 10, 1)).isFalse();
		assertThat(waiting.unaddressed).isEqualTo(1);
		assertThat(waiting.received).isZero();
		this.sequences[10] = 1;
		waiting.address(this.sequences);
		assertThat(waiting.arrived(0, 10, 2)).isTrue();
		assertThat(waiting.received).isEqualTo(1);
	}

	@Test
	void aWindowStartsAtTheNextMessageOfEachStream() {
		StreamTracker late = new StreamTracker(new int[] { 10, 20 }, new int[] { 0, 1 });
		this.sequences[10] = 5;
		this.sequences[20] = 7;
		late.address(this.sequences);
		assertThat(late.arrived(0, 10, 5)).isFalse();
		assertThat(late.arrived(0, 10, 6)).isTrue();
		assertThat(late.arrived(1, 20, 7)).isFalse();
		assertThat(late.arrived(1, 20, 8)).isTrue();
		assertThat(late.unaddressed).isEqualTo(2);
	}

	@Test
	void afterLeavingWhatWasAddressedIsOutstandingUntilItArrives() {
		assertThat(this.tracker.outstanding()).isEqualTo(-1);
		this.tracker.arrived(0, 10, 1);
		this.sequences[10] = 3;
		this.sequences[20] = 1;
		this.tracker.leave(this.sequences);
		assertThat(this.tracker.outstanding()).isEqualTo(3);
		this.tracker.arrived(0, 10, 3);
		this.tracker.arrived(1, 20, 1);
		assertThat(this.tracker.outstanding()).isEqualTo(1);
		this.tracker.arrived(0, 10, 2);
		assertThat(this.tracker.outstanding()).isZero();
		assertThat(this.tracker.arrived(0, 10, 4)).isFalse();
		assertThat(this.tracker.unaddressed).isEqualTo(1);
		assertThat(this.tracker.outstanding()).isZero();
	}

	@Test
	void aClientThatLeavesBeforeItIsAddressedIsOwedNothingAndCannotJoin() {
		StreamTracker waiting = new StreamTracker(new int[] { 10 }, new int[] { 0 });
		this.sequences[10] = 4;
		waiting.leave(this.sequences);
		assertThat(waiting.outstanding()).isZero();
		assertThat(waiting.address(this.sequences)).isFalse();
		assertThat(waiting.arrived(0, 10, 5)).isFalse();
		assertThat(waiting.outstanding()).isZero();
	}

	@Test
	void readdressingAfterAWarmUpCountsFromTheNextMessage() {
		this.tracker.arrived(0, 10, 1);
		this.sequences[10] = 2;
		this.tracker.readdress(this.sequences);
		this.tracker.resetCounts();
		assertThat(this.tracker.arrived(0, 10, 2)).isFalse();
		assertThat(this.tracker.arrived(0, 10, 3)).isTrue();
		this.sequences[10] = 3;
		this.tracker.leave(this.sequences);
		assertThat(this.tracker.outstanding()).isZero();
	}

}
