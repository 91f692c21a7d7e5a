package dev.apigw.websocket;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Bounds of the retry layer of management calls: attempts, backoff and total time. What
 * is retried within them depends on the {@link DeliveryMode} and
 * {@link #retryServerErrors()}: 410, 403, 413, other 4xx and configuration failures never
 * are.
 *
 * @param maxAttempts the maximum number of attempts, including the first
 * @param initialBackoff the backoff ceiling before the first retry
 * @param multiplier the factor by which the backoff ceiling grows per retry
 * @param maxBackoff the largest backoff ceiling
 * @param maxElapsed the time after which no further attempt starts
 * @param retryServerErrors whether 5xx answers are retried (as far as the delivery mode
 * allows)
 * @author apigw-websocket
 * @since 0.1.0
 */
public record RetrySettings(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
		Duration maxElapsed, boolean retryServerErrors) {

	/**
	 * Validate the settings.
	 * @param maxAttempts the maximum number of attempts, at least 1
	 * @param initialBackoff the first backoff ceiling, not negative
	 * @param multiplier the backoff growth factor, at least 1
	 * @param maxBackoff the largest backoff ceiling, not smaller than the first
	 * @param maxElapsed the time after which no further attempt starts, positive
	 * @param retryServerErrors whether 5xx answers are retried
	 */
	public RetrySettings {
		Assert.isTrue(maxAttempts >= 1, () -> "'maxAttempts' must be at least 1, was " + maxAttempts);
		Assert.notNull(initialBackoff, "'initialBackoff' must not be null");
		Assert.notNull(maxBackoff, "'maxBackoff' must not be null");
		Assert.notNull(maxElapsed, "'maxElapsed' must not be null");
		Assert.isTrue(!initialBackoff.isNegative(),
				() -> "'initialBackoff' must not be negative, was " + initialBackoff);
		Assert.isTrue(multiplier >= 1, () -> "'multiplier' must be at least 1, was " + multiplier);
		Assert.isTrue(maxBackoff.compareTo(initialBackoff) >= 0, () -> "'maxBackoff' (" + maxBackoff
				+ ") must not be smaller than 'initialBackoff' (" + initialBackoff + ")");
		Assert.isTrue(!maxElapsed.isNegative() && !maxElapsed.isZero(),
				() -> "'maxElapsed' must be positive, was " + maxElapsed);
	}

	/**
	 * Return the defaults: 3 attempts, backoff from 100ms doubling up to 2s, at most 10s
	 * in all, server errors retried.
	 * @return the default settings
	 */
	public static RetrySettings defaults() {
		return new RetrySettings(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(2), Duration.ofSeconds(10), true);
	}

	/**
	 * Return settings that make a single attempt.
	 * @return settings without retries
	 */
	public static RetrySettings noRetries() {
		RetrySettings defaults = defaults();
		return new RetrySettings(1, defaults.initialBackoff(), defaults.multiplier(), defaults.maxBackoff(),
				defaults.maxElapsed(), false);
	}

}
