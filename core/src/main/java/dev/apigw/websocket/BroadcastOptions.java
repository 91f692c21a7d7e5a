package dev.apigw.websocket;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Options of broadcasts. The account's rate limit (10,000 requests per second with a
 * burst of 5,000) is shared with every other API of the account and region, so broadcasts
 * are bounded in concurrency and rate. By default both adapt to what API Gateway answers:
 * the window of calls in flight grows while latency stays flat and shrinks on 429 or
 * rising latency, and the rate drops below the rate API Gateway accepted when it
 * throttles, then probes back up; the values here are their ceilings.
 *
 * @param maxConcurrency the maximum number of {@code PostToConnection} calls of one
 * broadcast in flight at once
 * @param messagesPerSecond the maximum rate of calls of all broadcasts of one template,
 * {@code 0} for no client-side ceiling
 * @param maxDuration the time after which a broadcast starts no further call: ids still
 * throttled then are failed, ids not yet posted to are not attempted
 * @param adaptive whether the window and the rate adapt to API Gateway's answers; when
 * {@code false}, {@code maxConcurrency} calls are in flight and the rate is
 * {@code messagesPerSecond}
 * @author apigw-websocket
 * @since 0.1.0
 */
public record BroadcastOptions(int maxConcurrency, double messagesPerSecond, Duration maxDuration, boolean adaptive) {

	/**
	 * Default maximum concurrency: the ceiling of the adaptive window, wide enough for
	 * the account's rate at a round trip of 25 ms; wider costs the client connections and
	 * CPU per message without more throughput at shorter round trips.
	 */
	public static final int DEFAULT_MAX_CONCURRENCY = 256;

	/**
	 * Default maximum duration of a broadcast.
	 */
	public static final Duration DEFAULT_MAX_DURATION = Duration.ofMinutes(5);

	/**
	 * Validate the options.
	 * @param maxConcurrency the maximum number of calls in flight, at least 1
	 * @param messagesPerSecond the rate ceiling, {@code 0} for none
	 * @param maxDuration the maximum duration of a broadcast, positive
	 * @param adaptive whether window and rate adapt
	 */
	public BroadcastOptions {
		Assert.isTrue(maxConcurrency > 0, () -> "'maxConcurrency' must be at least 1, was " + maxConcurrency);
		Assert.isTrue(messagesPerSecond >= 0 && Double.isFinite(messagesPerSecond),
				() -> "'messagesPerSecond' must be 0 (no limit) or positive, was " + messagesPerSecond);
		Assert.notNull(maxDuration, "'maxDuration' must not be null");
		Assert.isTrue(!maxDuration.isNegative() && !maxDuration.isZero(),
				() -> "'maxDuration' must be positive, was " + maxDuration);
	}

	/**
	 * Create adaptive options with the default maximum duration.
	 * @param maxConcurrency the maximum number of calls in flight, at least 1
	 * @param messagesPerSecond the rate ceiling, {@code 0} for none
	 */
	public BroadcastOptions(int maxConcurrency, double messagesPerSecond) {
		this(maxConcurrency, messagesPerSecond, DEFAULT_MAX_DURATION, true);
	}

	/**
	 * Return the default options: adaptive, at most 256 calls in flight, no rate ceiling,
	 * at most 5 minutes per broadcast.
	 * @return the default options
	 */
	public static BroadcastOptions defaults() {
		return new BroadcastOptions(DEFAULT_MAX_CONCURRENCY, 0);
	}

	/**
	 * Return whether a client-side rate ceiling applies.
	 * @return {@code true} when {@link #messagesPerSecond()} is positive
	 */
	public boolean rateLimited() {
		return this.messagesPerSecond > 0;
	}

}
