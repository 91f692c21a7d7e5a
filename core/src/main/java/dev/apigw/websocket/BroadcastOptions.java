package dev.apigw.websocket;

import org.springframework.util.Assert;

/**
 * Options of broadcasts. The account's rate limit (10,000 requests per second with a
 * burst of 5,000) is shared with every other API of the account and region, so broadcasts
 * are bounded in concurrency and may be rate limited on the client side.
 *
 * @param maxConcurrency the maximum number of {@code PostToConnection} calls of one
 * broadcast in flight at once
 * @param messagesPerSecond the maximum rate of calls of all broadcasts of one template,
 * {@code 0} for no client-side limit
 * @author apigw-websocket
 * @since 0.1.0
 */
public record BroadcastOptions(int maxConcurrency, double messagesPerSecond) {

	/**
	 * Default maximum concurrency.
	 */
	public static final int DEFAULT_MAX_CONCURRENCY = 64;

	/**
	 * Validate the options.
	 * @param maxConcurrency the maximum number of calls in flight, at least 1
	 * @param messagesPerSecond the rate limit, {@code 0} for none
	 */
	public BroadcastOptions {
		Assert.isTrue(maxConcurrency > 0, () -> "'maxConcurrency' must be at least 1, was " + maxConcurrency);
		Assert.isTrue(messagesPerSecond >= 0 && Double.isFinite(messagesPerSecond),
				() -> "'messagesPerSecond' must be 0 (no limit) or positive, was " + messagesPerSecond);
	}

	/**
	 * Return the default options: 64 calls in flight, no client-side rate limit.
	 * @return the default options
	 */
	public static BroadcastOptions defaults() {
		return new BroadcastOptions(DEFAULT_MAX_CONCURRENCY, 0);
	}

	/**
	 * Return whether a client-side rate limit applies.
	 * @return {@code true} when {@link #messagesPerSecond()} is positive
	 */
	public boolean rateLimited() {
		return this.messagesPerSecond > 0;
	}

}
