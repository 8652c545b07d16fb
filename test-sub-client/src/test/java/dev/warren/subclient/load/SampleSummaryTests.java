package dev.warren.subclient.load;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SampleSummaryTests {

	private static final long MIB = 1 << 20;

	@Test
	void heapGrowthIsFromTheFirstSampleAfterTheStartToTheLast() {
		List<LoadResult.Sample> series = List.of(sample(0, 100, 10_050, 50), sample(60, 180, 10_100, 52),
				sample(120, 200, 10_120, 53), sample(150, 206, 10_090, 53), sample(180, 210, 10_110, 54));
		SampleSummary summary = SampleSummary.of(series, 120);
		assertThat(summary.samples()).isEqualTo(3);
		assertThat(summary.heapAfterGcFromBytes()).isEqualTo(200 * MIB);
		assertThat(summary.heapAfterGcEndBytes()).isEqualTo(210 * MIB);
		assertThat(summary.heapAfterGcGrowthPercent()).isEqualTo(5.0);
		assertThat(summary.openFilesMin()).isEqualTo(10_090);
		assertThat(summary.openFilesMax()).isEqualTo(10_120);
		assertThat(summary.threadsMin()).isEqualTo(53);
		assertThat(summary.threadsMax()).isEqualTo(54);
		assertThat(summary.openFilesFlat()).isTrue();
		assertThat(summary.threadsFlat()).isTrue();
	}

	@Test
	void aShrinkingHeapGrowsByLessThanNothing() {
		SampleSummary summary = SampleSummary.of(List.of(sample(120, 300, 100, 50), sample(600, 270, 100, 50)), 120);
		assertThat(summary.heapAfterGcGrowthPercent()).isEqualTo(-10.0);
	}

	@Test
	void growthIsRoundedToHundredthsOfAPercent() {
		SampleSummary summary = SampleSummary.of(List.of(sample(120, 3, 100, 50), sample(600, 4, 100, 50)), 120);
		assertThat(summary.heapAfterGcGrowthPercent()).isEqualTo(33.33);
	}

	@Test
	void aLeakOfOneFileOrThreadAMinuteIsNotFlat() {
		List<LoadResult.Sample> series = List.of(sample(120, 200, 10_000, 50), sample(300, 200, 10_150, 53),
				sample(600, 200, 10_201, 56));
		SampleSummary summary = SampleSummary.of(series, 120);
		assertThat(summary.openFilesFlat()).isFalse();
		assertThat(summary.threadsFlat()).isFalse();
	}

	@Test
	void flatMeansWithinFiveOrTwoPercentOfTheSmallest() {
		assertThat(SampleSummary.flat(50, 55)).isTrue();
		assertThat(SampleSummary.flat(50, 56)).isFalse();
		assertThat(SampleSummary.flat(10_000, 10_200)).isTrue();
		assertThat(SampleSummary.flat(10_000, 10_201)).isFalse();
	}

	@Test
	void missingFiguresAndTooFewSamplesGiveNoFigure() {
		LoadResult.Sample unread = new LoadResult.Sample(130, null, null, null, null, null, 0, null, 0, 0);
		SampleSummary one = SampleSummary.of(List.of(sample(0, 100, 10, 5), sample(125, 100, 10, 5), unread), 120);
		assertThat(one.samples()).isEqualTo(2);
		assertThat(one.heapAfterGcFromBytes()).isEqualTo(100 * MIB);
		assertThat(one.heapAfterGcGrowthPercent()).isNull();
		assertThat(one.openFilesMin()).isEqualTo(10);
		SampleSummary none = SampleSummary.of(List.of(sample(0, 100, 10, 5)), 120);
		assertThat(none.samples()).isZero();
		assertThat(none.heapAfterGcGrowthPercent()).isNull();
		assertThat(none.openFilesFlat()).isNull();
		assertThat(none.threadsMax()).isNull();
	}

	@Test
	void theSummaryLineSaysGrowthAndRanges() {
		List<LoadResult.Sample> series = List.of(sample(0, 100, 10_050, 50), sample(120, 200, 10_120, 53),
				sample(150, 206, 10_090, 53));
		String line = LoadSummary.samples(new LoadResult.Samples(30, series, SampleSummary.of(series, 120)));
		assertThat(line).isEqualTo("heap after GC +3.0 % from 120 s to the end (200.0 -> 206.0 MiB), "
				+ "open files 10,090-10,120 (flat), threads 53-53 (flat) (2 of 3 samples every 30 s)");
	}

	private static LoadResult.Sample sample(double seconds, long heapMiB, int files, int threads) {
		return new LoadResult.Sample(seconds, heapMiB * MIB, null, files, threads, 2 * heapMiB * MIB, 1000, 1000, 0, 0);
	}

}
