package dev.apigw.websocket;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Token bucket that paces the calls of broadcasts to a rate in messages per second. It
 * holds at most a tenth of a second's tokens (at least one), so a burst after idle time
 * stays small. A caller reserves a token and proceeds when the returned future completes,
 * after a wait on a scheduler rather than on a blocked thread.
 */
final class MessageRateLimiter implements SendRateLimiter {

	private static final double NANOS_PER_SECOND = 1_000_000_000d;

	private final double tokensPerNano;

	private final double capacity;

	private final LongSupplier nanoClock;

	private final LongFunction<CompletableFuture<@Nullable Void>> delay;

	private double tokens;

	private long refilledAt;

	MessageRateLimiter(double messagesPerSecond) {
		this(messagesPerSecond, System::nanoTime, MessageRateLimiter::delay);
	}

	/**
	 * Create a limiter on a given clock and scheduler.
	 * @param messagesPerSecond the rate
	 * @param nanoClock the clock, in nanoseconds
	 * @param delay a future completed the given nanoseconds later, on the same clock
	 */
	MessageRateLimiter(double messagesPerSecond, LongSupplier nanoClock,
			LongFunction<CompletableFuture<@Nullable Void>> delay) {
		this.tokensPerNano = messagesPerSecond / NANOS_PER_SECOND;
		this.capacity = Math.max(1, messagesPerSecond / 10);
		this.nanoClock = nanoClock;
		this.delay = delay;
		this.tokens = this.capacity;
		this.refilledAt = nanoClock.getAsLong();
	}

	@Override
	public CompletableFuture<@Nullable Void> acquire() {
		long wait = reserve();
		return (wait == 0) ? CompletableFuture.completedFuture(null) : this.delay.apply(wait);
	}

	/**
	 * Take one token, going into debt when none is left.
	 * @return the nanoseconds to wait before using the token
	 */
	synchronized long reserve() {
		long now = this.nanoClock.getAsLong();
		this.tokens = Math.min(this.capacity, this.tokens + (now - this.refilledAt) * this.tokensPerNano);
		this.refilledAt = now;
		this.tokens -= 1;
		return (this.tokens >= 0) ? 0 : (long) Math.ceil(-this.tokens / this.tokensPerNano);
	}

	// completes on the JDK's delay thread; the call it releases starts without blocking
	private static CompletableFuture<@Nullable Void> delay(long nanos) {
		return CompletableFuture.runAsync(() -> {
		}, CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS, Runnable::run));
	}

}
