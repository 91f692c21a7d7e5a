package dev.apigw.websocket.benchmarks;

import java.util.function.BooleanSupplier;

/**
 * Waits for a condition that another process or thread makes true, bounded by a deadline.
 */
final class Polling {

	private static final long INTERVAL_MILLIS = 20;

	private Polling() {
	}

	/**
	 * Return once the condition holds.
	 * @param condition what to wait for
	 * @param deadlineNanos a {@link System#nanoTime()} after which to give up
	 * @throws IllegalStateException when the deadline passes first
	 */
	static void await(BooleanSupplier condition, long deadlineNanos) throws InterruptedException {
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadlineNanos) {
				throw new IllegalStateException("Time limit reached");
			}
			Thread.sleep(INTERVAL_MILLIS);
		}
	}

}
