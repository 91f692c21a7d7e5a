package dev.apigw.websocket;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;

import org.springframework.retry.RetryContext;
import org.springframework.retry.RetryPolicy;
import org.springframework.retry.policy.AlwaysRetryPolicy;
import org.springframework.retry.policy.CompositeRetryPolicy;
import org.springframework.retry.policy.SimpleRetryPolicy;
import org.springframework.retry.policy.TimeoutRetryPolicy;

/**
 * The one retry layer of management calls: a Spring Retry policy bounded by max attempts
 * and max elapsed time that retries only the transient failures a {@link DeliveryMode}
 * allows to repeat, with {@link FullJitterBackOff full-jitter} backoff, and starts no
 * retry once its owner stops. Blocking and non-blocking calls share it; only how a call
 * waits before a retry differs, as its {@link ManagementClientAdapter} says.
 * <p>
 * Retry decisions rely on the attempt failing with the classified
 * {@link WebSocketManagementException}, which the caller translates from the HTTP status
 * or the client-side failure.
 */
final class ManagementCallRetry {

	private final RetryPolicy policy;

	private final FullJitterBackOff backOff;

	/**
	 * Create the retry layer.
	 * @param settings the retry settings
	 * @param deliveryMode whether a post that may have been delivered is retried
	 * @param running whether retries may start; {@code false} once the owner stops, so
	 * that a call in flight ends with its last failure rather than a new attempt
	 */
	ManagementCallRetry(RetrySettings settings, DeliveryMode deliveryMode, BooleanSupplier running) {
		this.policy = policy(settings, deliveryMode, running);
		this.backOff = new FullJitterBackOff(settings);
	}

	private static RetryPolicy policy(RetrySettings settings, DeliveryMode deliveryMode, BooleanSupplier running) {
		SimpleRetryPolicy attempts = new SimpleRetryPolicy(settings.maxAttempts(),
				new RetryableFailures(deliveryMode, settings.retryServerErrors()));
		CompositeRetryPolicy policy = new CompositeRetryPolicy();
		policy.setPolicies(new RetryPolicy[] { attempts, new TimeoutRetryPolicy(settings.maxElapsed().toMillis()),
				new WhileRunning(running) });
		return policy;
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
		CompletableFuture<T> result = new CompletableFuture<>();
		attempt(attempt, delay, this.policy.open(null), result);
		return result;
	}

	private <T> void attempt(IntFunction<CompletableFuture<T>> attempt, RetryDelay delay, RetryContext context,
			CompletableFuture<T> result) {
		start(attempt, context.getRetryCount() + 1).whenComplete((value, failure) -> {
			if (failure == null) {
				this.policy.close(context);
				result.complete(value);
				return;
			}
			this.policy.registerThrowable(context, failure);
			if (!this.policy.canRetry(context)) {
				giveUp(context, result, failure);
				return;
			}
			delay.after(this.backOff.delayMillis(context.getRetryCount() - 1)).whenComplete((none, interrupted) -> {
				// asked again after the backoff: the owner may have stopped meanwhile
				if (interrupted == null && this.policy.canRetry(context)) {
					attempt(attempt, delay, context, result);
				}
				else {
					giveUp(context, result, failure);
				}
			});
		});
	}

	private <T> void giveUp(RetryContext context, CompletableFuture<T> result, Throwable lastFailure) {
		this.policy.close(context);
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

	/**
	 * Allows a retry only while the owner runs; the first attempt of a call that was
	 * accepted is always made.
	 */
	private static final class WhileRunning extends AlwaysRetryPolicy {

		private final BooleanSupplier running;

		WhileRunning(BooleanSupplier running) {
			this.running = running;
		}

		@Override
		public boolean canRetry(RetryContext context) {
			return context.getLastThrowable() == null || this.running.getAsBoolean();
		}

	}

}
