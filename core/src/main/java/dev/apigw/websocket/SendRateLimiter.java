package dev.apigw.websocket;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * Paces the {@code PostToConnection} calls of a template's broadcasts. API Gateway's
 * request quota is per account and region, so one limiter may be shared by every
 * broadcast of a template, or by every instance of a fleet. A limiter is told what API
 * Gateway answered, so that it may adapt its rate.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public interface SendRateLimiter {

	/**
	 * Reserve a permit for one call. The returned future completes when the call may
	 * start; waiting must not block the calling thread.
	 * @return a future completed when the call may start
	 */
	CompletableFuture<@Nullable Void> acquire();

	/**
	 * Record that API Gateway throttled a call (HTTP 429).
	 */
	default void throttled() {
	}

	/**
	 * Record that API Gateway accepted a call (an answer other than 429).
	 */
	default void accepted() {
	}

}
