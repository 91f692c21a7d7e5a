package dev.apigw.websocket.benchmarks;

import java.time.Duration;

/**
 * The time limit of a whole benchmark run: every round and every wait checks it, so a run
 * never outlasts it by more than one round.
 */
final class Deadline {

	private final long deadlineNanos;

	private final Duration limit;

	Deadline(Duration limit) {
		this.limit = limit;
		this.deadlineNanos = System.nanoTime() + limit.toNanos();
	}

	long nanos() {
		return this.deadlineNanos;
	}

	long remainingNanos() {
		return Math.max(0, this.deadlineNanos - System.nanoTime());
	}

	/**
	 * Fail with a message naming the flag to raise once the limit has passed.
	 */
	void check(String next) {
		if (System.nanoTime() > this.deadlineNanos) {
			throw new TimeLimitException("The time limit of " + this.limit + " ran out before " + next
					+ "; raise --time-limit or lower the counts");
		}
	}

}
