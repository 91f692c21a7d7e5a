package dev.apigw.websocket.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;

/**
 * What every scenario shares: the stub, the counts, the deadline and the payload; and the
 * loops that drive the raw SDK.
 *
 * @param stub the stub management API in its child JVM
 * @param scale the counts
 * @param deadline the time limit of the run
 * @param serverlessOffline where {@code serverless} 3 and {@code serverless-offline} 13
 * are installed ({@code node_modules} in it), {@code null} to leave that comparison out
 */
record Bench(StubProcess stub, Scale scale, Deadline deadline, @Nullable Path serverlessOffline) {

	/**
	 * 256 bytes of text, as a small notification.
	 */
	static final String PAYLOAD = "x".repeat(256);

	static SdkBytes data() {
		return SdkBytes.fromUtf8String(PAYLOAD);
	}

	/**
	 * Ids {@code c-0} to {@code c-(count-1)}.
	 */
	static List<String> ids(int count) {
		List<String> ids = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			ids.add("c-" + i);
		}
		return ids;
	}

	/**
	 * Run {@code count} async calls with at most {@code window} in flight, and wait for
	 * all of them, bounded by the deadline.
	 * @return the outcome of the calls
	 */
	Outcomes windowed(int count, int window, IntFunction<CompletableFuture<?>> call) throws InterruptedException {
		Semaphore permits = new Semaphore(window);
		Outcomes outcomes = new Outcomes();
		for (int i = 0; i < count; i++) {
			if (!permits.tryAcquire(this.deadline.remainingNanos(), TimeUnit.NANOSECONDS)) {
				throw new TimeLimitException("Time limit reached with calls in flight; raise --time-limit");
			}
			CompletableFuture<?> future;
			try {
				future = call.apply(i);
			}
			catch (RuntimeException ex) {
				permits.release();
				outcomes.record(ex);
				continue;
			}
			future.whenComplete((result, failure) -> {
				outcomes.record(failure);
				permits.release();
			});
		}
		if (!permits.tryAcquire(window, this.deadline.remainingNanos(), TimeUnit.NANOSECONDS)) {
			throw new TimeLimitException("Time limit reached with calls in flight; raise --time-limit");
		}
		return outcomes;
	}

	/**
	 * Successes, 410s and other failures of raw SDK calls.
	 */
	static final class Outcomes {

		private int ok;

		private int gone;

		private int failed;

		synchronized void record(@Nullable Throwable failure) {
			if (failure == null) {
				this.ok++;
				return;
			}
			Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
					? failure.getCause() : failure;
			if (cause instanceof AwsServiceException service && service.statusCode() == 410) {
				this.gone++;
			}
			else {
				this.failed++;
			}
		}

		synchronized int ok() {
			return this.ok;
		}

		synchronized int gone() {
			return this.gone;
		}

		synchronized int failed() {
			return this.failed;
		}

	}

}
