package dev.apigw.websocket.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Paths run in interleaved rounds (each round in a rotated order, so that no path always
 * follows the same one), and their samples, read as medians with ranges.
 */
final class Rounds {

	private final Map<String, Sample.Workload> paths = new LinkedHashMap<>();

	private final Map<String, List<Sample>> samples = new LinkedHashMap<>();

	Rounds path(String name, Sample.Workload workload) {
		this.paths.put(name, workload);
		this.samples.put(name, new ArrayList<>());
		return this;
	}

	/**
	 * Run every path {@code rounds} times, interleaved, stopping early at the deadline.
	 */
	Rounds run(int rounds, Deadline deadline) throws Exception {
		for (int round = 0; round < rounds; round++) {
			List<String> order = new ArrayList<>(this.paths.keySet());
			Collections.rotate(order, round);
			for (String name : order) {
				deadline.check("round " + (round + 1) + " of '" + name + "'");
				this.samples.get(name).add(Sample.measure(this.paths.get(name)));
			}
		}
		return this;
	}

	/**
	 * Forget the samples, e.g. of warm-up rounds.
	 */
	void clear() {
		this.samples.values().forEach(List::clear);
	}

	List<Sample> samples(String path) {
		List<Sample> list = this.samples.get(path);
		if (list == null) {
			throw new IllegalArgumentException("No path '" + path + "' in " + this.samples.keySet());
		}
		return list;
	}

	/**
	 * A figure of one path over the rounds.
	 */
	Spread spread(String path, ToDoubleFunction<Sample> figure) {
		return Spread.of(samples(path).stream().mapToDouble(figure).toArray());
	}

	/**
	 * The ratio of a figure of one path to the same figure of another in the same round,
	 * over the rounds.
	 */
	Spread ratio(String path, String baseline, ToDoubleFunction<Sample> figure) {
		return ratio(path, samples(baseline).stream().mapToDouble(figure).toArray(), figure);
	}

	/**
	 * The ratio of a figure of one path to per-round baseline values.
	 */
	Spread ratio(String path, double[] baseline, ToDoubleFunction<Sample> figure) {
		List<Sample> measured = samples(path);
		int rounds = Math.min(measured.size(), baseline.length);
		double[] ratios = new double[rounds];
		for (int i = 0; i < rounds; i++) {
			ratios[i] = figure.applyAsDouble(measured.get(i)) / baseline[i];
		}
		return Spread.of(ratios);
	}

	/**
	 * Per round, the largest figure among the given paths (the best of several tuned
	 * configurations).
	 */
	double[] bestPerRound(List<String> paths, ToDoubleFunction<Sample> figure) {
		int rounds = paths.stream().mapToInt((path) -> samples(path).size()).min().orElse(0);
		double[] best = new double[rounds];
		Arrays.fill(best, Double.NEGATIVE_INFINITY);
		for (String path : paths) {
			for (int i = 0; i < rounds; i++) {
				best[i] = Math.max(best[i], figure.applyAsDouble(samples(path).get(i)));
			}
		}
		return best;
	}

	/**
	 * A median with the range it came from.
	 *
	 * @param median the median
	 * @param min the smallest value
	 * @param max the largest value
	 * @param count the number of values
	 */
	record Spread(double median, double min, double max, int count) {

		static Spread of(double[] values) {
			if (values.length == 0) {
				return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
			}
			double[] sorted = values.clone();
			Arrays.sort(sorted);
			int middle = sorted.length / 2;
			double median = (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
			return new Spread(median, sorted[0], sorted[sorted.length - 1], sorted.length);
		}

		/**
		 * The median and range with the given number of decimals, e.g. {@code 1.02
		 * (0.99–1.05)}.
		 */
		String format(int decimals) {
			if (this.count == 0) {
				return "n/a";
			}
			String pattern = "%,." + decimals + "f";
			String median = String.format(Locale.ROOT, pattern, this.median);
			if (this.count == 1 || this.min == this.max) {
				return median;
			}
			return median + " (" + String.format(Locale.ROOT, pattern, this.min) + "–"
					+ String.format(Locale.ROOT, pattern, this.max) + ")";
		}

	}

}
