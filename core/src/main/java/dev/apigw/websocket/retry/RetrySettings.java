package dev.apigw.websocket.retry;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Settings of the retry layer of management calls. Throttling (429) is always retried;
 * server errors (5xx) and I/O errors only when enabled; 410, 403, 413 and other 4xx
 * never.
 *
 * @param maxAttempts the maximum number of attempts, including the first
 * @param initialBackoff the backoff ceiling before the first retry
 * @param multiplier the factor by which the backoff ceiling grows per retry
 * @param maxBackoff the largest backoff ceiling
 * @param maxElapsed the time after which no further attempt starts
 * @param retryServerErrors whether 5xx answers are retried
 * @param retryIoErrors whether calls without an HTTP response are retried
 * @author apigw-websocket
 */
public record RetrySettings(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
		Duration maxElapsed, boolean retryServerErrors, boolean retryIoErrors) {

	/**
	 * Validate the settings.
	 * @param maxAttempts the maximum number of attempts, at least 1
	 * @param initialBackoff the first backoff ceiling, not negative
	 * @param multiplier the backoff growth factor, at least 1
	 * @param maxBackoff the largest backoff ceiling, not smaller than the first
	 * @param maxElapsed the time after which no further attempt starts, positive
	 * @param retryServerErrors whether 5xx answers are retried
	 * @param retryIoErrors whether calls without an HTTP response are retried
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
	 * in all, server and I/O errors retried.
	 * @return the default settings
	 */
	public static RetrySettings defaults() {
		return new RetrySettings(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(2), Duration.ofSeconds(10), true,
				true);
	}

	/**
	 * Return settings that make a single attempt.
	 * @return settings without retries
	 */
	public static RetrySettings noRetries() {
		RetrySettings defaults = defaults();
		return new RetrySettings(1, defaults.initialBackoff(), defaults.multiplier(), defaults.maxBackoff(),
				defaults.maxElapsed(), false, false);
	}

}
