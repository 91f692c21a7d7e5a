package dev.apigw.websocket;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;

import org.springframework.retry.RetryContext;
import org.springframework.retry.RetryPolicy;
import org.springframework.retry.policy.SimpleRetryPolicy;

/**
 * The one retry layer of management calls: a Spring Retry policy bounded by max attempts
 * that retries only the transient failures a {@link DeliveryMode} allows to repeat, with
 * {@link FullJitterBackOff full-jitter} backoff, within max elapsed time from the first
 * attempt, and starts no retry once its owner stops. A call that succeeds at once costs
 * no retry state: the policy's context is opened on its first failure. Blocking and
 * non-blocking calls share it; only how a call waits before a retry differs, as its
 * {@link ManagementClientAdapter} says.
 * <p>
 * Retry decisions rely on the attempt failing with the classified
 * {@link WebSocketManagementException}, which the caller translates from the HTTP status
 * or the client-side failure.
 */
final class ManagementCallRetry {

	private final RetryPolicy policy;

	private final FullJitterBackOff backOff;

	private final long maxElapsedNanos;

	private final BooleanSupplier running;

	/**
	 * Create the retry layer.
	 * @param settings the retry settings
	 * @param deliveryMode whether a post that may have been delivered is retried
	 * @param running whether retries may start; {@code false} once the owner stops, so
	 * that a call in flight ends with its last failure rather than a new attempt
	 */
	ManagementCallRetry(RetrySettings settings, DeliveryMode deliveryMode, BooleanSupplier running) {
		this.policy = new SimpleRetryPolicy(settings.maxAttempts(),
				new RetryableFailures(deliveryMode, settings.retryServerErrors()));
		this.backOff = new FullJitterBackOff(settings);
		this.maxElapsedNanos = settings.maxElapsed().toNanos();
		this.running = running;
	}

	/**
	 * Run a call, retrying it per policy.
	 * @param <T> the result type
	 * @param attempt the call, given the attempt number (from 1); its future must
	 * complete exceptionally with the exception to classify, not wrapped
	 * @param delay how to wait the given milliseconds before a retry; a future that fails
	 * (an interrupted wait) ends the call with its last failure
	 * @return a future of the result of the first successful attempt, or completed
	 * exceptionally with the last failure
	 */
	<T> CompletableFuture<T> execute(IntFunction<CompletableFuture<T>> attempt, RetryDelay delay) {
		long startNanos = System.nanoTime();
		CompletableFuture<T> first = start(attempt, 1);
		if (first.isDone() && !first.isCompletedExceptionally()) {
			// most calls succeed at once: they need no retry context
			return first;
		}
		CompletableFuture<T> result = new CompletableFuture<>();
		first.whenComplete((value, failure) -> {
			if (failure == null) {
				result.complete(value);
			}
			else {
				// the policy's context is opened on the first failure only, and the time
				// budget still counts from the first attempt
				failed(attempt, delay, new Call(this.policy.open(null), startNanos), result, failure);
			}
		});
		return result;
	}

	private <T> void attempt(IntFunction<CompletableFuture<T>> attempt, RetryDelay delay, Call call,
			CompletableFuture<T> result) {
		start(attempt, call.context.getRetryCount() + 1).whenComplete((value, failure) -> {
			if (failure == null) {
				this.policy.close(call.context);
				result.complete(value);
			}
			else {
				failed(attempt, delay, call, result, failure);
			}
		});
	}

	private <T> void failed(IntFunction<CompletableFuture<T>> attempt, RetryDelay delay, Call call,
			CompletableFuture<T> result, Throwable failure) {
		this.policy.registerThrowable(call.context, failure);
		if (!canRetry(call)) {
			giveUp(call, result, failure);
			return;
		}
		delay.after(this.backOff.delayMillis(call.context.getRetryCount() - 1)).whenComplete((none, interrupted) -> {
			// asked again after the backoff: the owner may have stopped meanwhile
			if (interrupted == null && canRetry(call)) {
				attempt(attempt, delay, call, result);
			}
			else {
				giveUp(call, result, failure);
			}
		});
	}

	// Spring Retry's policy bounds the attempts and tells retryable failures; the time
	// budget and the owner's state are checked here, because the policy's context does
	// not exist before the first failure
	private boolean canRetry(Call call) {
		return this.policy.canRetry(call.context) && this.running.getAsBoolean()
				&& System.nanoTime() - call.startNanos <= this.maxElapsedNanos;
	}

	private <T> void giveUp(Call call, CompletableFuture<T> result, Throwable lastFailure) {
		this.policy.close(call.context);
		result.completeExceptionally(lastFailure);
	}

	private static <T> CompletableFuture<T> start(IntFunction<CompletableFuture<T>> attempt, int number) {
		try {
			return attempt.apply(number);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * A call that failed at least once: its retry context and when its first attempt
	 * started.
	 */
	private record Call(RetryContext context, long startNanos) {
	}

	/**
	 * How a call waits before its next attempt.
	 */
	@FunctionalInterface
	interface RetryDelay {

		/**
		 * Return a future completed the given time later.
		 * @param millis the delay in milliseconds
		 * @return the future, completed exceptionally when the wait was interrupted
		 */
		CompletableFuture<@Nullable Void> after(long millis);

		/**
		 * Wait on the caller's thread; an interrupted wait ends the call with its last
		 * failure and keeps the thread's interrupt status.
		 */
		static CompletableFuture<@Nullable Void> sleep(long millis) {
			try {
				Thread.sleep(millis);
				return CompletableFuture.completedFuture(null);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return CompletableFuture.failedFuture(ex);
			}
		}

		/**
		 * Wait on the JDK's delay thread, where starting the next attempt does not block
		 * (the common pool would be a new thread per task on machines with two cores).
		 */
		static CompletableFuture<@Nullable Void> scheduled(long millis) {
			return CompletableFuture.runAsync(() -> {
			}, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS, Runnable::run));
		}

	}

}
