package dev.apigw.websocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.apigw.websocket.ManagementCallRetry.RetryDelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ManagementCallRetry}, with attempts that fail with classified
 * exceptions, made as the blocking adapter makes them (completed futures, waits on the
 * caller's thread) and as the non-blocking one does (waits on a scheduler).
 */
class ManagementCallRetryTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final ManagementOperation POST = ManagementOperation.POST;

	private final List<Integer> attempts = new ArrayList<>();

	@Test
	void blockingRetriesThrottlingUpToMaxAttemptsNumberingEachAttempt() {
		ManagementCallRetry retry = retry(4, DeliveryMode.AT_MOST_ONCE);
		assertThatExceptionOfType(ManagementThrottledException.class)
			.isThrownBy(() -> blocking(retry, failing(throttled())));
		assertThat(this.attempts).containsExactly(1, 2, 3, 4);
	}

	@Test
	void blockingReturnsTheFirstSuccess() {
		ManagementCallRetry retry = retry(4, DeliveryMode.AT_MOST_ONCE);
		String result = blocking(retry, (attempt) -> {
			this.attempts.add(attempt);
			if (attempt < 3) {
				throw throttled();
			}
			return "done";
		});
		assertThat(result).isEqualTo("done");
		assertThat(this.attempts).containsExactly(1, 2, 3);
	}

	@Test
	void blockingWaitsOnTheCallersThreadAndEndsWithTheLastFailureWhenInterrupted() {
		Thread caller = Thread.currentThread();
		ManagementCallRetry retry = new ManagementCallRetry(
				new RetrySettings(5, Duration.ofSeconds(30), 1, Duration.ofSeconds(30), Duration.ofSeconds(60), true),
				DeliveryMode.AT_MOST_ONCE, () -> true);
		try {
			IntFunction<Object> interruptedThrottled = (attempt) -> {
				this.attempts.add(attempt);
				assertThat(Thread.currentThread()).isSameAs(caller);
				// the backoff that follows, up to 30 s, is cut short
				caller.interrupt();
				throw throttled();
			};
			assertThatExceptionOfType(ManagementThrottledException.class)
				.isThrownBy(() -> blocking(retry, interruptedThrottled));
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
			assertThat(this.attempts).containsExactly(1);
		}
		finally {
			Thread.interrupted();
		}
	}

	@ParameterizedTest
	@EnumSource(DeliveryMode.class)
	void goneForbiddenClientAndConfigurationErrorsAreNeverRetried(DeliveryMode deliveryMode) {
		ManagementCallRetry retry = retry(4, deliveryMode);
		assertThatExceptionOfType(ConnectionGoneException.class)
			.isThrownBy(() -> blocking(retry, failing(new ConnectionGoneException("gone", "abc", POST, null))));
		assertThatExceptionOfType(ManagementClientException.class)
			.isThrownBy(() -> blocking(retry, failing(new ManagementClientException("bad", "abc", POST, 400, null))));
		assertThatExceptionOfType(ManagementConfigurationException.class).isThrownBy(() -> blocking(retry,
				failing(new ManagementConfigurationException("no credentials", "abc", POST, null))));
		assertThat(this.attempts).containsExactly(1, 1, 1);
	}

	@ParameterizedTest
	@EnumSource(DeliveryMode.class)
	void failuresThatCannotHaveDeliveredArePostRetriedInEveryMode(DeliveryMode deliveryMode) {
		assertThat(attemptsUntilGivingUp(deliveryMode, throttled())).isEqualTo(3);
		assertThat(attemptsUntilGivingUp(deliveryMode, new ManagementConnectException("refused", "abc", POST, null)))
			.isEqualTo(3);
		assertThat(attemptsUntilGivingUp(deliveryMode, new ManagementServerException("503", "abc", POST, 503, null)))
			.isEqualTo(3);
	}

	@Test
	void failuresThatMayHaveDeliveredArePostRetriedOnlyAtLeastOnce() {
		ManagementIoException timeout = new ManagementIoException("timeout", "abc", POST, null);
		ManagementServerException internalError = new ManagementServerException("500", "abc", POST, 500, null);
		assertThat(attemptsUntilGivingUp(DeliveryMode.AT_MOST_ONCE, timeout)).isOne();
		assertThat(attemptsUntilGivingUp(DeliveryMode.AT_MOST_ONCE, internalError)).isOne();
		assertThat(attemptsUntilGivingUp(DeliveryMode.AT_LEAST_ONCE, timeout)).isEqualTo(3);
		assertThat(attemptsUntilGivingUp(DeliveryMode.AT_LEAST_ONCE, internalError)).isEqualTo(3);
	}

	@ParameterizedTest
	@EnumSource(value = ManagementOperation.class, names = { "GET", "DELETE" })
	void idempotentCallsAreRetriedAfterAnyTransientFailureInEveryMode(ManagementOperation operation) {
		for (DeliveryMode deliveryMode : DeliveryMode.values()) {
			assertThat(attemptsUntilGivingUp(deliveryMode, new ManagementIoException("reset", "abc", operation, null)))
				.isEqualTo(3);
			assertThat(attemptsUntilGivingUp(deliveryMode,
					new ManagementServerException("500", "abc", operation, 500, null)))
				.isEqualTo(3);
		}
	}

	@Test
	void serverErrorsAreNotRetriedWhenDisabled() {
		ManagementCallRetry retry = new ManagementCallRetry(settings(3, false), DeliveryMode.AT_LEAST_ONCE, () -> true);
		assertThatExceptionOfType(ManagementServerException.class).isThrownBy(() -> blocking(retry,
				failing(new ManagementServerException("503", "abc", ManagementOperation.GET, 503, null))));
		assertThat(this.attempts).containsExactly(1);
	}

	@Test
	void noRetryStartsOnceStoppedButTheFirstAttemptIsMade() {
		AtomicBoolean running = new AtomicBoolean(true);
		ManagementCallRetry retry = new ManagementCallRetry(settings(5, true), DeliveryMode.AT_MOST_ONCE, running::get);
		assertThatExceptionOfType(ManagementThrottledException.class).isThrownBy(() -> blocking(retry, (attempt) -> {
			this.attempts.add(attempt);
			running.set(false);
			throw throttled();
		}));
		assertThatExceptionOfType(ManagementThrottledException.class)
			.isThrownBy(() -> blocking(retry, failing(throttled())));
		assertThat(retry.execute((attempt) -> {
			this.attempts.add(attempt);
			return CompletableFuture.failedFuture(throttled());
		}, RetryDelay::scheduled)).failsWithin(WAIT)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(ManagementThrottledException.class);
		assertThat(this.attempts).containsExactly(1, 1, 1);
	}

	@Test
	void nonBlockingRetriesThrottlingUpToMaxAttempts() {
		ManagementCallRetry retry = retry(5, DeliveryMode.AT_MOST_ONCE);
		CompletableFuture<Object> result = retry.execute((attempt) -> {
			this.attempts.add(attempt);
			return CompletableFuture.failedFuture(throttled());
		}, RetryDelay::scheduled);
		assertThat(result).failsWithin(WAIT)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(ManagementThrottledException.class);
		assertThat(this.attempts).containsExactly(1, 2, 3, 4, 5);
	}

	@Test
	void nonBlockingStopsRetryingAfterMaxElapsedTime() {
		RetrySettings quickGiveUp = new RetrySettings(5, Duration.ZERO, 1, Duration.ZERO, Duration.ofMillis(100), true);
		ManagementCallRetry retry = new ManagementCallRetry(quickGiveUp, DeliveryMode.AT_MOST_ONCE, () -> true);
		// each attempt takes longer than the elapsed-time budget, which counts from the
		// first attempt, not from its failure
		CompletableFuture<Object> result = retry.execute((attempt) -> {
			this.attempts.add(attempt);
			CompletableFuture<Object> slowFailure = new CompletableFuture<>();
			CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS)
				.execute(() -> slowFailure.completeExceptionally(throttled()));
			return slowFailure;
		}, RetryDelay::scheduled);
		assertThat(result).failsWithin(WAIT)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(ManagementThrottledException.class);
		assertThat(this.attempts).containsExactly(1);
	}

	@Test
	void nonBlockingFirstAttemptsCompletingLaterSucceedOrAreRetried() {
		ManagementCallRetry retry = retry(3, DeliveryMode.AT_MOST_ONCE);
		CompletableFuture<String> pendingSuccess = new CompletableFuture<>();
		CompletableFuture<String> succeeded = retry.execute((attempt) -> {
			this.attempts.add(attempt);
			return pendingSuccess;
		}, RetryDelay::scheduled);
		assertThat(succeeded).isNotDone();
		pendingSuccess.complete("done");
		assertThat(succeeded).succeedsWithin(WAIT).isEqualTo("done");

		CompletableFuture<String> pendingFailure = new CompletableFuture<>();
		CompletableFuture<String> retried = retry.execute((attempt) -> {
			this.attempts.add(attempt);
			return (attempt == 1) ? pendingFailure : CompletableFuture.completedFuture("retried");
		}, RetryDelay::scheduled);
		pendingFailure.completeExceptionally(throttled());
		assertThat(retried).succeedsWithin(WAIT).isEqualTo("retried");
		assertThat(this.attempts).containsExactly(1, 1, 2);
	}

	@Test
	void everyCallHasItsOwnAttempts() {
		ManagementCallRetry retry = retry(3, DeliveryMode.AT_MOST_ONCE);
		for (int call = 0; call < 3; call++) {
			assertThatExceptionOfType(ManagementThrottledException.class)
				.isThrownBy(() -> blocking(retry, failing(throttled())));
		}
		assertThat(this.attempts).containsExactly(1, 2, 3, 1, 2, 3, 1, 2, 3);
	}

	// the number of attempts of a blocking and of a non-blocking call failing this way
	private int attemptsUntilGivingUp(DeliveryMode deliveryMode, WebSocketManagementException failure) {
		ManagementCallRetry retry = retry(3, deliveryMode);
		List<Integer> blocking = new ArrayList<>();
		assertThatExceptionOfType(failure.getClass()).isThrownBy(() -> blocking(retry, (attempt) -> {
			blocking.add(attempt);
			throw failure;
		}));
		List<Integer> nonBlocking = new ArrayList<>();
		assertThat(retry.execute((attempt) -> {
			nonBlocking.add(attempt);
			return CompletableFuture.failedFuture(failure);
		}, RetryDelay::scheduled)).failsWithin(WAIT).withThrowableThat().havingCause().isSameAs(failure);
		assertThat(nonBlocking).isEqualTo(blocking);
		return blocking.size();
	}

	/**
	 * A call as the blocking adapter makes it: each attempt runs and completes on the
	 * caller's thread, which also waits out each backoff, so the result is there on
	 * return.
	 */
	private static <T> T blocking(ManagementCallRetry retry, IntFunction<T> call) {
		CompletableFuture<T> result = retry.execute((attempt) -> CompletableFuture.completedFuture(call.apply(attempt)),
				RetryDelay::sleep);
		assertThat(result).isDone();
		try {
			return result.join();
		}
		catch (CompletionException ex) {
			throw (RuntimeException) ex.getCause();
		}
	}

	private <T> IntFunction<T> failing(WebSocketManagementException failure) {
		return (attempt) -> {
			this.attempts.add(attempt);
			throw failure;
		};
	}

	private static ManagementThrottledException throttled() {
		return new ManagementThrottledException("429", "abc", POST, null);
	}

	private static ManagementCallRetry retry(int maxAttempts, DeliveryMode deliveryMode) {
		return new ManagementCallRetry(settings(maxAttempts, true), deliveryMode, () -> true);
	}

	private static RetrySettings settings(int maxAttempts, boolean retryServerErrors) {
		return new RetrySettings(maxAttempts, Duration.ofMillis(1), 2.0, Duration.ofMillis(2), Duration.ofSeconds(10),
				retryServerErrors);
	}

}
