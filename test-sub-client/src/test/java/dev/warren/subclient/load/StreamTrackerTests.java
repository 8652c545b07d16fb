package dev.warren.subclient.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamTrackerTests {

	// Streams 10 (on subscription 0) and 20 (on subscription 1).
	private final StreamTracker tracker = new StreamTracker(new int[] { 10, 20 }, new int[] { 0, 1 });

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

}
