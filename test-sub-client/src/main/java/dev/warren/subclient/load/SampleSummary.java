package dev.warren.subclient.load;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Whether a server stayed steady over a long run, from its samples after a start-up
 * phase: how much its heap after a full collection grew from the first such sample to the
 * last, and the range of its open files and threads. Connections are replaced all the
 * time, so open files move a little with the connections open at the instant of a sample;
 * a range within {@value #FLAT_SLACK} or {@value #FLAT_PERCENT} % of the smallest value
 * (whichever is larger) counts as flat, while a leak of one file or thread per replaced
 * connection, or per minute, shows well above it.
 *
 * @param fromSeconds samples taken this long after the producer started, or later, count
 * @param samples how many did
 * @param heapAfterGcFromBytes heap after a full collection at the first of them
 * @param heapAfterGcEndBytes heap after a full collection at the last of them
 * @param heapAfterGcGrowthPercent growth from the first to the last, in percent;
 * {@code null} with fewer than two heap figures
 * @param openFilesMin fewest open files among them
 * @param openFilesMax most open files among them
 * @param threadsMin fewest threads among them
 * @param threadsMax most threads among them
 * @param openFilesFlat whether open files stayed within the range that counts as flat
 * @param threadsFlat whether threads did
 */
public record SampleSummary(int fromSeconds, int samples, Long heapAfterGcFromBytes, Long heapAfterGcEndBytes,
		Double heapAfterGcGrowthPercent, Integer openFilesMin, Integer openFilesMax, Integer threadsMin,
		Integer threadsMax, Boolean openFilesFlat, Boolean threadsFlat) {

	/** Open files or threads may move this much and still count as flat. */
	static final int FLAT_SLACK = 5;

	/** ... or this share of their smallest value, in percent, whichever is larger. */
	static final int FLAT_PERCENT = 2;

	/**
	 * Sums up a run's samples.
	 * @param series the samples, in the order they were taken
	 * @param fromSeconds where the steady phase starts
	 * @return the summary (figures {@code null} where no sample had them)
	 */
	static SampleSummary of(List<LoadResult.Sample> series, int fromSeconds) {
		List<LoadResult.Sample> steady = series.stream().filter((s) -> s.seconds() >= fromSeconds).toList();
		List<Long> heap = steady.stream().map(LoadResult.Sample::heapAfterGcBytes).filter(Objects::nonNull).toList();
		Long first = heap.isEmpty() ? null : heap.get(0);
		Long last = heap.isEmpty() ? null : heap.get(heap.size() - 1);
		Double growth = (heap.size() >= 2 && first > 0) ? round(100.0 * (last - first) / first) : null;
		Range files = Range.of(steady, LoadResult.Sample::openFiles);
		Range threads = Range.of(steady, LoadResult.Sample::threads);
		return new SampleSummary(fromSeconds, steady.size(), first, last, growth, files.min(), files.max(),
				threads.min(), threads.max(), files.flat(), threads.flat());
	}

	/**
	 * Whether values between {@code min} and {@code max} count as flat.
	 * @param min the smallest
	 * @param max the largest
	 * @return {@code true} when the range is within the slack
	 */
	static boolean flat(int min, int max) {
		return max - min <= Math.max(FLAT_SLACK, (long) min * FLAT_PERCENT / 100);
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	private record Range(Integer min, Integer max) {

		static Range of(List<LoadResult.Sample> samples, Function<LoadResult.Sample, Integer> figure) {
			List<Integer> values = samples.stream().map(figure).filter(Objects::nonNull).toList();
			if (values.isEmpty()) {
				return new Range(null, null);
			}
			return new Range(values.stream().min(Integer::compare).get(), values.stream().max(Integer::compare).get());
		}

		Boolean flat() {
			return (this.min != null) ? SampleSummary.flat(this.min, this.max) : null;
		}

	}

}
