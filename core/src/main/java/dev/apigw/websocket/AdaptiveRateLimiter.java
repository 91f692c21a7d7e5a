package dev.apigw.websocket;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * The default {@link SendRateLimiter}: it learns API Gateway's rate from its answers.
 * Unlimited (or at its ceiling) until the first 429, it then drops to 90 % of the rate
 * API Gateway accepted in the last second. While 429s go on (an episode), it measures the
 * rate accepted since the episode began, which is the service's rate once its bucket is
 * empty, and paces at 90 % of it. Without 429s it climbs back: quickly to the measured
 * rate, then beyond it slowly and faster with time, so that a raised limit is found and a
 * burst of 429s stays rare.
 * <p>
 * Waiting callers queue in order and are released by a timer at the current rate, so a
 * lower rate applies at once to every caller still waiting. The queue holds at most the
 * calls the broadcasts' windows allow.
 */
final class AdaptiveRateLimiter implements SendRateLimiter {

	private static final double NANOS_PER_SECOND = 1_000_000_000d;

	private static final double CUT = 0.9;

	private static final double MIN_RATE = 1;

	// 429s closer together than this belong to one episode
	private static final long EPISODE_GAP = 200_000_000L;

	// within an episode, the accepted rate is measured over at least this long
	private static final long MEASURE_AFTER = 50_000_000L;

	private static final int MIN_MEASURED = 10;

	private static final long HISTORY = 1_000_000_000L;

	private static final int SLOTS = 100;

	private static final long SLOT = HISTORY / SLOTS;

	// below the measured rate, close the gap with this time constant
	private static final double APPROACH_SECONDS = 0.1;

	// above the measured rate: 5 % per second, faster with each second without a 429
	private static final double PROBE_PER_SECOND = 0.05;

	// without a measured rate: double per second
	private static final double DOUBLING_PER_SECOND = Math.log(2);

	// the pacing bucket holds 20 ms of calls, at least one
	private static final double BURST_SECONDS = 0.02;

	private static final long MIN_TICK = 1_000_000L;

	// shared by every permit granted at once: completed, so no caller can change it
	private static final CompletableFuture<@Nullable Void> READY = CompletableFuture.completedFuture(null);

	private final double ceiling;

	private final LongSupplier nanoClock;

	private final LongFunction<CompletableFuture<@Nullable Void>> delay;

	private final long[] acceptedSlots = new long[SLOTS];

	private final long[] slotStarts = new long[SLOTS];

	private final Queue<CompletableFuture<@Nullable Void>> waiting = new ArrayDeque<>();

	private final long createdAt;

	private double rate;

	// true until the first 429 without a ceiling: every acquire passes without the lock
	private volatile boolean unpaced;

	private double tokens;

	private long refilledAt;

	private boolean tickScheduled;

	private double measured = Double.NaN;

	private boolean throttledOnce;

	private long lastThrottledAt;

	private long episodeStart;

	private long acceptedInEpisode;

	private long lastCutAt;

	private long grownAt;

	private long aboveMeasuredSince = -1;

	/**
	 * Create a limiter.
	 * @param ceiling the highest rate in messages per second, {@code 0} for none
	 */
	AdaptiveRateLimiter(double ceiling) {
		this(ceiling, System::nanoTime, AdaptiveRateLimiter::delay);
	}

	/**
	 * Create a limiter on a given clock and scheduler.
	 * @param ceiling the highest rate in messages per second, {@code 0} for none
	 * @param nanoClock the clock, in nanoseconds
	 * @param delay a future completed the given nanoseconds later, on the same clock
	 */
	AdaptiveRateLimiter(double ceiling, LongSupplier nanoClock, LongFunction<CompletableFuture<@Nullable Void>> delay) {
		this.ceiling = (ceiling > 0) ? ceiling : Double.POSITIVE_INFINITY;
		this.nanoClock = nanoClock;
		this.delay = delay;
		this.rate = this.ceiling;
		this.unpaced = this.ceiling == Double.POSITIVE_INFINITY;
		this.createdAt = nanoClock.getAsLong();
		this.refilledAt = this.createdAt;
		this.tokens = burst();
	}

	@Override
	public CompletableFuture<@Nullable Void> acquire() {
		if (this.unpaced) {
			return READY;
		}
		long wait;
		CompletableFuture<@Nullable Void> permit;
		synchronized (this) {
			long now = this.nanoClock.getAsLong();
			adjust(now);
			if (this.rate == Double.POSITIVE_INFINITY) {
				return READY;
			}
			refill(now);
			if (this.waiting.isEmpty() && this.tokens >= 1) {
				this.tokens -= 1;
				return READY;
			}
			permit = new CompletableFuture<>();
			this.waiting.add(permit);
			if (this.tickScheduled) {
				return permit;
			}
			this.tickScheduled = true;
			wait = untilNextToken();
		}
		this.delay.apply(wait).whenComplete((none, failure) -> tick());
		return permit;
	}

	@Override
	public void throttled() {
		List<CompletableFuture<@Nullable Void>> released;
		synchronized (this) {
			long now = this.nanoClock.getAsLong();
			adjust(now);
			refill(now);
			boolean newEpisode = !this.throttledOnce || now - this.lastThrottledAt > EPISODE_GAP;
			this.throttledOnce = true;
			this.lastThrottledAt = now;
			this.aboveMeasuredSince = -1;
			if (newEpisode) {
				this.episodeStart = now;
				this.acceptedInEpisode = 0;
				this.lastCutAt = now;
				// a lone 429 among few calls (one client's buffer full) is no evidence
				double recent = acceptedInLastSecond(now);
				if (recent >= MIN_MEASURED) {
					if (now - this.createdAt >= HISTORY) {
						// a second of history: what was accepted is the service's rate
						this.measured = recent;
					}
					setRate(Math.min(this.rate, CUT * recent));
				}
			}
			else if (now - this.lastCutAt >= MEASURE_AFTER && now - this.episodeStart >= MEASURE_AFTER
					&& this.acceptedInEpisode >= MIN_MEASURED) {
				// the service's bucket is empty: what it accepts is its rate
				this.measured = this.acceptedInEpisode * NANOS_PER_SECOND / (now - this.episodeStart);
				this.lastCutAt = now;
				setRate(CUT * this.measured);
			}
			released = release();
		}
		released.forEach((permit) -> permit.complete(null));
	}

	@Override
	public void accepted() {
		synchronized (this) {
			long now = this.nanoClock.getAsLong();
			int slot = (int) ((now / SLOT) % SLOTS);
			long slotStart = now - (now % SLOT);
			if (this.slotStarts[slot] != slotStart) {
				this.slotStarts[slot] = slotStart;
				this.acceptedSlots[slot] = 0;
			}
			this.acceptedSlots[slot]++;
			if (this.throttledOnce && now - this.lastThrottledAt <= EPISODE_GAP) {
				this.acceptedInEpisode++;
			}
		}
	}

	/**
	 * Return the rate now, in messages per second.
	 */
	synchronized double rate() {
		adjust(this.nanoClock.getAsLong());
		return this.rate;
	}

	/**
	 * Return the rate measured in the last throttled episode, {@code NaN} before one.
	 */
	synchronized double measured() {
		return this.measured;
	}

	private void tick() {
		List<CompletableFuture<@Nullable Void>> released;
		long wait = -1;
		synchronized (this) {
			long now = this.nanoClock.getAsLong();
			adjust(now);
			refill(now);
			released = release();
			if (this.waiting.isEmpty()) {
				this.tickScheduled = false;
			}
			else {
				wait = untilNextToken();
			}
		}
		released.forEach((permit) -> permit.complete(null));
		if (wait >= 0) {
			this.delay.apply(wait).whenComplete((none, failure) -> tick());
		}
	}

	// callers hold the lock; an unlimited rate releases every waiting caller
	private List<CompletableFuture<@Nullable Void>> release() {
		List<CompletableFuture<@Nullable Void>> released = new ArrayList<>();
		while (!this.waiting.isEmpty() && (this.rate == Double.POSITIVE_INFINITY || this.tokens >= 1)) {
			this.tokens -= (this.rate == Double.POSITIVE_INFINITY) ? 0 : 1;
			released.add(this.waiting.poll());
		}
		return released;
	}

	private long untilNextToken() {
		if (this.rate == Double.POSITIVE_INFINITY) {
			return 0;
		}
		long nanos = (long) Math.ceil((1 - this.tokens) / this.rate * NANOS_PER_SECOND);
		return Math.max(MIN_TICK, nanos);
	}

	private void refill(long now) {
		if (this.rate != Double.POSITIVE_INFINITY) {
			this.tokens = Math.min(burst(), this.tokens + (now - this.refilledAt) / NANOS_PER_SECOND * this.rate);
		}
		this.refilledAt = now;
	}

	private double burst() {
		return (this.rate == Double.POSITIVE_INFINITY) ? 0 : Math.max(1, this.rate * BURST_SECONDS);
	}

	private void setRate(double rate) {
		this.rate = Math.min(this.ceiling, Math.max(MIN_RATE, rate));
		this.unpaced = false;
		this.tokens = Math.min(this.tokens, burst());
	}

	/**
	 * Climb back while no 429 comes: towards the measured rate, then beyond it.
	 */
	private void adjust(long now) {
		long elapsed = now - this.grownAt;
		this.grownAt = now;
		if (!this.throttledOnce || this.rate >= this.ceiling || now - this.lastThrottledAt <= EPISODE_GAP) {
			return;
		}
		refill(now);
		double seconds = elapsed / NANOS_PER_SECOND;
		double next;
		if (Double.isNaN(this.measured)) {
			next = this.rate * Math.exp(DOUBLING_PER_SECOND * seconds);
		}
		else if (this.rate < this.measured) {
			next = this.measured - (this.measured - this.rate) * Math.exp(-seconds / APPROACH_SECONDS);
			if (this.measured - next < 0.005 * this.measured) {
				next = this.measured * 1.0001;
			}
		}
		else {
			if (this.aboveMeasuredSince < 0) {
				this.aboveMeasuredSince = now;
			}
			double above = (now - this.aboveMeasuredSince) / NANOS_PER_SECOND;
			next = this.rate * Math.exp(PROBE_PER_SECOND * (1 + above) * seconds);
		}
		this.rate = Math.min(this.ceiling, next);
	}

	private double acceptedInLastSecond(long now) {
		long total = 0;
		for (int i = 0; i < SLOTS; i++) {
			if (now - this.slotStarts[i] < HISTORY) {
				total += this.acceptedSlots[i];
			}
		}
		return total;
	}

	// completes on the JDK's delay thread; the calls it releases start without blocking
	private static CompletableFuture<@Nullable Void> delay(long nanos) {
		return CompletableFuture.runAsync(() -> {
		}, CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS, Runnable::run));
	}

}
