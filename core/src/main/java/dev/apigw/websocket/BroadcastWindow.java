package dev.apigw.websocket;

/**
 * How many calls one broadcast may have in flight. Adaptive, it starts small, doubles per
 * round trip while latency stays flat and nothing is throttled (slow start), then, after
 * its first decrease, grows by a tenth per round trip. It halves on a 429 and drops by a
 * tenth while latency is well above the lowest seen (never below its initial size for
 * latency alone), at most once per round of calls: answers to calls started before a
 * decrease do not decrease it again. It never exceeds its ceiling nor drops below one.
 * Thread-safe.
 */
final class BroadcastWindow {

	/**
	 * Window of a new broadcast (the ceiling when lower).
	 */
	static final int INITIAL = 16;

	private static final double GROWTH_PER_CALL = 0.1;

	private static final double THROTTLED_DECREASE = 0.5;

	private static final double LATENCY_DECREASE = 0.9;

	// latency counts as flat up to 2 x the lowest + 20 ms and as rising beyond 3 x the
	// lowest + 50 ms: the absolute parts keep a loopback's or a busy client's jitter from
	// counting, and a rise below them costs no throughput worth saving
	private static final long FLAT_SLACK = 20_000_000;

	private static final long RISING_SLACK = 50_000_000;

	private final int ceiling;

	private final boolean adaptive;

	private double limit;

	// the whole part of limit, read without the lock by every start of a call
	private volatile int intLimit;

	// read without the lock by every call's start
	private volatile long epoch;

	private boolean slowStart = true;

	private long lowestRtt = Long.MAX_VALUE;

	private double recentRtt = -1;

	/**
	 * Create a window.
	 * @param ceiling the largest window
	 * @param adaptive whether it adapts; if not, it stays at its ceiling
	 */
	BroadcastWindow(int ceiling, boolean adaptive) {
		this.ceiling = ceiling;
		this.adaptive = adaptive;
		this.limit = adaptive ? Math.min(ceiling, INITIAL) : ceiling;
		this.intLimit = (int) this.limit;
	}

	int limit() {
		return this.intLimit;
	}

	/**
	 * Return the number of decreases so far, to hand back with a call's answer.
	 */
	long epoch() {
		return this.epoch;
	}

	/**
	 * Record an answer other than 429.
	 * @param rttNanos the time from the start of the call to its answer
	 * @param startEpoch the {@link #epoch()} when the call started
	 */
	synchronized void accepted(long rttNanos, long startEpoch) {
		if (!this.adaptive) {
			return;
		}
		this.lowestRtt = Math.min(this.lowestRtt, rttNanos);
		double weight = 1.0 / Math.max(4, Math.min(64, this.limit));
		this.recentRtt = (this.recentRtt < 0) ? rttNanos : this.recentRtt + weight * (rttNanos - this.recentRtt);
		if (startEpoch != this.epoch) {
			return;
		}
		if (this.recentRtt > 3.0 * this.lowestRtt + RISING_SLACK) {
			// rising latency alone never narrows the window below its start
			decrease(LATENCY_DECREASE, INITIAL);
		}
		else if (this.recentRtt <= 2.0 * this.lowestRtt + FLAT_SLACK) {
			this.limit = Math.min(this.ceiling, this.limit + (this.slowStart ? 1 : GROWTH_PER_CALL));
			this.intLimit = (int) this.limit;
		}
	}

	/**
	 * Record a 429.
	 * @param startEpoch the {@link #epoch()} when the call started
	 */
	synchronized void throttled(long startEpoch) {
		if (this.adaptive && startEpoch == this.epoch) {
			decrease(THROTTLED_DECREASE, 1);
		}
	}

	private void decrease(double factor, int floor) {
		this.limit = Math.max(Math.min(floor, this.limit), this.limit * factor);
		this.intLimit = (int) this.limit;
		this.slowStart = false;
		this.epoch++;
	}

}
