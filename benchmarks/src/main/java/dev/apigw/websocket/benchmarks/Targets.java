package dev.apigw.websocket.benchmarks;

import java.util.Locale;

/**
 * A target of the issue next to a measured median: met, or missed by how much.
 */
final class Targets {

	private Targets() {
	}

	static String atMost(double value, double target) {
		if (Double.isNaN(value)) {
			return "≤ " + format(target) + ": not measured";
		}
		if (value <= target) {
			return "≤ " + format(target) + ": met";
		}
		return "≤ " + format(target) + ": **missed** by " + percent(value / target - 1);
	}

	static String atLeast(double value, double target) {
		if (Double.isNaN(value)) {
			return "≥ " + format(target) + ": not measured";
		}
		if (value >= target) {
			return "≥ " + format(target) + ": met";
		}
		return "≥ " + format(target) + ": **missed** by " + percent(1 - value / target);
	}

	private static String format(double value) {
		return (value == Math.rint(value)) ? String.format(Locale.ROOT, "%,.0f", value)
				: String.format(Locale.ROOT, "%.2f", value);
	}

	private static String percent(double fraction) {
		return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
	}

}
