package dev.apigw.websocket.retry;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import dev.apigw.websocket.ManagementIoException;
import dev.apigw.websocket.ManagementServerException;
import dev.apigw.websocket.ManagementThrottledException;

import org.springframework.retry.RetryContext;
import org.springframework.retry.RetryPolicy;
import org.springframework.retry.backoff.BackOffContext;
import org.springframework.retry.policy.CompositeRetryPolicy;
import org.springframework.retry.policy.SimpleRetryPolicy;
import org.springframework.retry.policy.TimeoutRetryPolicy;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.util.Assert;

/**
 * The one retry layer of management calls, built on Spring Retry: a policy bounded by
 * max attempts and max elapsed time that retries only throttling (and, when enabled,
 * server and I/O errors), with {@link FullJitterBackOffPolicy full-jitter} backoff.
 * Blocking calls run through a {@link RetryTemplate}; non-blocking calls drive the same
 * policy and wait on a delayed executor, so no thread blocks while backing off.
 * <p>
 * Retry decisions rely on the attempt failing with the classified
 * {@link dev.apigw.websocket.WebSocketManagementException} subclass, which the caller
 * translates from the HTTP status.
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
	 */
	public ManagementCallRetry(RetrySettings settings) {
		Assert.notNull(settings, "'settings' must not be null");
		this.policy = policy(settings);
		this.backOffPolicy = new FullJitterBackOffPolicy(settings);
		this.retryTemplate = new RetryTemplate();
		this.retryTemplate.setRetryPolicy(this.policy);
		this.retryTemplate.setBackOffPolicy(this.backOffPolicy);
		this.retryTemplate.setThrowLastExceptionOnExhausted(true);
	}

	private static RetryPolicy policy(RetrySettings settings) {
		SimpleRetryPolicy attempts = new SimpleRetryPolicy(settings.maxAttempts(),
				Map.of(ManagementThrottledException.class, true, ManagementServerException.class,
						settings.retryServerErrors(), ManagementIoException.class, settings.retryIoErrors()),
				false, false);
		CompositeRetryPolicy policy = new CompositeRetryPolicy();
		policy.setPolicies(
				new RetryPolicy[] { attempts, new TimeoutRetryPolicy(settings.maxElapsed().toMillis()) });
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
			CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, Runnable::run)
				.execute(() -> attemptAsync(attempt, context, backOffContext, result));
		});
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
