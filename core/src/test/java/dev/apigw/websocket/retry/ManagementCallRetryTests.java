package dev.apigw.websocket.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import dev.apigw.websocket.ConnectionGoneException;
import dev.apigw.websocket.ManagementClientException;
import dev.apigw.websocket.ManagementIoException;
import dev.apigw.websocket.ManagementOperation;
import dev.apigw.websocket.ManagementServerException;
import dev.apigw.websocket.ManagementThrottledException;
import dev.apigw.websocket.WebSocketManagementException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ManagementCallRetry}, with attempts that fail with classified
 * exceptions.
 */
class ManagementCallRetryTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final List<Integer> attempts = new ArrayList<>();

	@Test
	void blockingRetriesThrottlingUpToMaxAttemptsNumberingEachAttempt() {
		ManagementCallRetry retry = new ManagementCallRetry(settings(4, true, true));
		assertThatExceptionOfType(ManagementThrottledException.class)
			.isThrownBy(() -> retry.execute(failing(throttled())));
		assertThat(this.attempts).containsExactly(1, 2, 3, 4);
	}

	@Test
	void blockingReturnsTheFirstSuccess() {
		ManagementCallRetry retry = new ManagementCallRetry(settings(4, true, true));
		String result = retry.execute((attempt) -> {
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
	void goneForbiddenAndOtherClientErrorsAreNeverRetried() {
		ManagementCallRetry retry = new ManagementCallRetry(settings(4, true, true));
		assertThatExceptionOfType(ConnectionGoneException.class).isThrownBy(() -> retry
			.execute(failing(new ConnectionGoneException("gone", "abc", ManagementOperation.POST, null))));
		assertThatExceptionOfType(ManagementClientException.class).isThrownBy(() -> retry
			.execute(failing(new ManagementClientException("bad", "abc", ManagementOperation.POST, 400, null))));
		assertThat(this.attempts).containsExactly(1, 1);
	}

	@Test
	void serverAndIoErrorsAreRetriedOnlyWhenEnabled() {
		ManagementCallRetry retry = new ManagementCallRetry(settings(3, false, false));
		assertThatExceptionOfType(ManagementServerException.class).isThrownBy(() -> retry
			.execute(failing(new ManagementServerException("5xx", "abc", ManagementOperation.GET, 500, null))));
		assertThatExceptionOfType(ManagementIoException.class).isThrownBy(
				() -> retry.execute(failing(new ManagementIoException("reset", "abc", ManagementOperation.GET, null))));
		assertThat(this.attempts).containsExactly(1, 1);
	}

	@Test
	void nonBlockingRetriesThrottlingUpToMaxAttempts() {
		ManagementCallRetry retry = new ManagementCallRetry(settings(5, true, true));
		CompletableFuture<Object> result = retry.executeAsync((attempt) -> {
			this.attempts.add(attempt);
			return CompletableFuture.failedFuture(throttled());
		});
		assertThat(result).failsWithin(WAIT)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(ManagementThrottledException.class);
		assertThat(this.attempts).containsExactly(1, 2, 3, 4, 5);
	}

	@Test
	void nonBlockingStopsRetryingAfterMaxElapsedTime() {
		RetrySettings quickGiveUp = new RetrySettings(5, Duration.ZERO, 1, Duration.ZERO, Duration.ofMillis(1), true,
				true);
		ManagementCallRetry retry = new ManagementCallRetry(quickGiveUp);
		// each attempt takes longer than the elapsed-time budget
		CompletableFuture<Object> result = retry.executeAsync((attempt) -> {
			this.attempts.add(attempt);
			CompletableFuture<Object> slowFailure = new CompletableFuture<>();
			CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS)
				.execute(() -> slowFailure.completeExceptionally(throttled()));
			return slowFailure;
		});
		assertThat(result).failsWithin(WAIT)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(ManagementThrottledException.class);
		assertThat(this.attempts).containsExactly(1);
	}

	private <T> IntFunction<T> failing(WebSocketManagementException failure) {
		return (attempt) -> {
			this.attempts.add(attempt);
			throw failure;
		};
	}

	private static ManagementThrottledException throttled() {
		return new ManagementThrottledException("429", "abc", ManagementOperation.POST, null);
	}

	private static RetrySettings settings(int maxAttempts, boolean retryServerErrors, boolean retryIoErrors) {
		return new RetrySettings(maxAttempts, Duration.ofMillis(1), 2.0, Duration.ofMillis(2), Duration.ofSeconds(10),
				retryServerErrors, retryIoErrors);
	}

}
