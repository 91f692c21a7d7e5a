package dev.apigw.websocket.retry;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

import dev.apigw.websocket.DeliveryMode;

import org.springframework.retry.RetryContext;
import org.springframework.retry.RetryPolicy;
import org.springframework.retry.backoff.BackOffContext;
import org.springframework.retry.policy.AlwaysRetryPolicy;
import org.springframework.retry.policy.CompositeRetryPolicy;
import org.springframework.retry.policy.SimpleRetryPolicy;
import org.springframework.retry.policy.TimeoutRetryPolicy;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.util.Assert;

/**
 * The one retry layer of management calls, built on Spring Retry: a policy bounded by
 * max attempts and max elapsed time that retries only transient failures a
 * {@link DeliveryMode} allows to repeat, with {@link FullJitterBackOffPolicy full-jitter}
 * backoff, and starts no retry once its owner stops. Blocking calls run through a
 * {@link RetryTemplate}; non-blocking calls drive the same policy and wait on a delayed
 * executor, so no thread blocks while backing off.
 * <p>
 * Retry decisions rely on the attempt failing with the classified
 * {@link dev.apigw.websocket.WebSocketManagementException}, which the caller translates
 * from the HTTP status or the client-side failure.
 *
 * @author apigw-websocket
 */
public final class ManagementCallRetry {

	private final RetryPolicy policy;

	private final FullJitterBackOffPolicy backOffPolicy;

	private final RetryTemplate retryTemplate;

	/**
	 * Create the retry layer.
	 * @param settings the retry settings
	 * @param deliveryMode whether a post that may have been delivered is retried
	 * @param running whether retries may start; {@code false} once the owner stops, so
	 * that a call in flight ends with its last failure rather than a new attempt
	 */
	public ManagementCallRetry(RetrySettings settings, DeliveryMode deliveryMode, BooleanSupplier running) {
		Assert.notNull(settings, "'settings' must not be null");
		Assert.notNull(deliveryMode, "'deliveryMode' must not be null");
		Assert.notNull(running, "'running' must not be null");
		this.policy = policy(settings, deliveryMode, running);
		this.backOffPolicy = new FullJitterBackOffPolicy(settings);
		this.retryTemplate = new RetryTemplate();
		this.retryTemplate.setRetryPolicy(this.policy);
		this.retryTemplate.setBackOffPolicy(this.backOffPolicy);
		this.retryTemplate.setThrowLastExceptionOnExhausted(true);
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
	 * Run a blocking call, retrying it per policy.
	 * @param <T> the result type
	 * @param attempt the call, given the attempt number (from 1)
	 * @return the result of the first successful attempt
	 */
	public <T> T execute(IntFunction<T> attempt) {
		return this.retryTemplate.execute((RetryContext context) -> attempt.apply(context.getRetryCount() + 1));
	}

	/**
	 * Run a non-blocking call, retrying it per policy after a delay that blocks no
	 * thread.
	 * @param <T> the result type
	 * @param attempt the call, given the attempt number (from 1); its future must
	 * complete exceptionally with the exception to classify, not wrapped
	 * @return a future of the result of the first successful attempt, or completed
	 * exceptionally with the last failure
	 */
	public <T> CompletableFuture<T> executeAsync(IntFunction<CompletableFuture<T>> attempt) {
		CompletableFuture<T> result = new CompletableFuture<>();
		RetryContext context = this.policy.open(null);
		attemptAsync(attempt, context, this.backOffPolicy.start(context), result);
		return result;
	}

	private <T> void attemptAsync(IntFunction<CompletableFuture<T>> attempt, RetryContext context,
			BackOffContext backOffContext, CompletableFuture<T> result) {
		start(attempt, context.getRetryCount() + 1).whenComplete((value, failure) -> {
			if (failure == null) {
				this.policy.close(context);
				result.complete(value);
				return;
			}
			this.policy.registerThrowable(context, failure);
			if (!this.policy.canRetry(context)) {
				this.policy.close(context);
				result.completeExceptionally(failure);
				return;
			}
			long delay = this.backOffPolicy.nextDelayMillis(backOffContext);
			// runs on the JDK's delay thread: starting an attempt does not block, and the
			// common pool would be a new thread per task on machines with two cores
			CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, Runnable::run).execute(() -> {
				// asked again, as the blocking path does after its backoff: the owner may have stopped
				if (this.policy.canRetry(context)) {
					attemptAsync(attempt, context, backOffContext, result);
				}
				else {
					this.policy.close(context);
					result.completeExceptionally(failure);
				}
			});
		});
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

	private static <T> CompletableFuture<T> start(IntFunction<CompletableFuture<T>> attempt, int number) {
		try {
			return attempt.apply(number);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

}
