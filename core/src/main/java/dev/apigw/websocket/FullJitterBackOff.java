package dev.apigw.websocket;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: before retry {@code n} (from 0) a call waits a
 * random time between 0 and {@code min(maxBackoff, initialBackoff * multiplier^n)}, so
 * that clients throttled together do not retry together.
 */
final class FullJitterBackOff {

	private final long initialMillis;

	private final double multiplier;

	private final long maxMillis;

	FullJitterBackOff(RetrySettings settings) {
		this.initialMillis = settings.initialBackoff().toMillis();
		this.multiplier = settings.multiplier();
		this.maxMillis = settings.maxBackoff().toMillis();
	}

	/**
	 * Return the delay before a retry.
	 * @param retry the retry, from 0 for the one after the first attempt
	 * @return the delay in milliseconds, between 0 and the ceiling of that retry
	 */
	long delayMillis(int retry) {
		return ThreadLocalRandom.current().nextLong(ceilingMillis(retry) + 1);
	}

	long ceilingMillis(int retry) {
		double exponential = this.initialMillis * Math.pow(this.multiplier, retry);
		return (long) Math.min(this.maxMillis, exponential);
	}

}
