package dev.apigw.websocket;

import java.util.function.LongSupplier;

/**
 * Token bucket that paces the calls of broadcasts to a rate in messages per second. It
 * holds at most a tenth of a second's tokens (at least one), so a burst after idle time
 * stays small. Callers reserve a token and wait the returned time on a scheduler rather
 * than blocking a thread.
 */
final class MessageRateLimiter {

	private static final double NANOS_PER_SECOND = 1_000_000_000d;

	private final double tokensPerNano;

	private final double capacity;

	private final LongSupplier nanoClock;

	private double tokens;

	private long refilledAt;

	MessageRateLimiter(double messagesPerSecond) {
		this(messagesPerSecond, System::nanoTime);
	}

	MessageRateLimiter(double messagesPerSecond, LongSupplier nanoClock) {
		this.tokensPerNano = messagesPerSecond / NANOS_PER_SECOND;
		this.capacity = Math.max(1, messagesPerSecond / 10);
		this.nanoClock = nanoClock;
		this.tokens = this.capacity;
		this.refilledAt = nanoClock.getAsLong();
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

}
