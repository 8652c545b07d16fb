package dev.warren.subclient.load;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplacementScheduleTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	@Test
	void tenPercentOfTenThousandAMinuteIsOneEvery60MillisecondsForTenMinutes() {
		ReplacementSchedule schedule = ReplacementSchedule.of(10_000, 10, 600);
		assertThat(schedule.perMinute()).isEqualTo(1000);
		assertThat(schedule.total()).isEqualTo(10_000);
		assertThat(schedule.dueBy(0)).isZero();
		assertThat(schedule.dueBy(TimeUnit.MILLISECONDS.toNanos(59))).isZero();
		assertThat(schedule.dueBy(TimeUnit.MILLISECONDS.toNanos(60))).isEqualTo(1);
		assertThat(schedule.dueBy(30 * SECOND)).isEqualTo(500);
		assertThat(schedule.dueBy(60 * SECOND)).isEqualTo(1000);
		assertThat(schedule.dueBy(599 * SECOND)).isEqualTo(9983);
		assertThat(schedule.dueBy(700 * SECOND)).isEqualTo(10_000);
	}

	@Test
	void everySlotIsReplacedOnceBeforeAnyIsReplacedTwice() {
		ReplacementSchedule schedule = ReplacementSchedule.of(1000, 10, 1200);
		assertThat(schedule.total()).isEqualTo(2000);
		Set<Integer> first = new HashSet<>();
		for (int k = 0; k < 1000; k++) {
			assertThat(first.add(schedule.slotOf(k))).isTrue();
		}
		assertThat(schedule.slotOf(1000)).isEqualTo(schedule.slotOf(0));
	}

	@Test
	void aShortRunReplacesItsShareOfTheMinutesItLasts() {
		ReplacementSchedule schedule = ReplacementSchedule.of(1000, 10, 150);
		assertThat(schedule.perMinute()).isEqualTo(100);
		assertThat(schedule.total()).isEqualTo(250);
		assertThat(schedule.dueBy(150 * SECOND)).isEqualTo(250);
	}

	@Test
	void noShareReplacesNothingAndATinyShareStillOneAMinute() {
		assertThat(ReplacementSchedule.of(1000, 0, 600).replaces()).isFalse();
		assertThat(ReplacementSchedule.of(1000, 0, 600).dueBy(600 * SECOND)).isZero();
		ReplacementSchedule tiny = ReplacementSchedule.of(20, 1, 120);
		assertThat(tiny.perMinute()).isEqualTo(1);
		assertThat(tiny.total()).isEqualTo(2);
		assertThat(tiny.replaces()).isTrue();
	}

}
