package dev.apigw.websocket.benchmarks;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Post-to-receive latencies in nanoseconds, in a fixed array so recording allocates
 * nothing.
 */
final class LatencyRecorder {

	private final long[] samples;

	private final AtomicInteger count = new AtomicInteger();

	LatencyRecorder(int capacity) {
		this.samples = new long[capacity];
	}

	void record(long nanos) {
		int index = this.count.getAndIncrement();
		if (index < this.samples.length) {
			this.samples[index] = nanos;
		}
	}

	/**
	 * Forget what was recorded, e.g. after a warm-up.
	 */
	void reset() {
		this.count.set(0);
	}

	int count() {
		return Math.min(this.count.get(), this.samples.length);
	}

	/**
	 * The given percentile (0 to 100) of the recorded samples, in microseconds.
	 */
	double percentileMicros(double percentile) {
		long[] sorted = Arrays.copyOf(this.samples, count());
		Arrays.sort(sorted);
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100 * sorted.length) - 1);
		return sorted[Math.max(0, index)] / 1_000d;
	}

}
