package dev.apigw.websocket.emulator;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * Turns what went wrong in a call of one kind of integration (HTTP and in-process, or
 * Lambda) into a logged {@link IntegrationFailure} that names the setting to change.
 */
final class IntegrationFailures {

	private final RefusalLog log;

	private final RefusalLog.Kind timedOut;

	private final RefusalLog.Kind error;

	private final RefusalLog.Kind tooLarge;

	private final Duration timeout;

	private final String timeoutSetting;

	private final int maxResponseBytes;

	private final String responseSizeSetting;

	private IntegrationFailures(RefusalLog log, RefusalLog.Kind timedOut, RefusalLog.Kind error,
			RefusalLog.Kind tooLarge, Duration timeout, String timeoutSetting, int maxResponseBytes,
			String responseSizeSetting) {
		this.log = log;
		this.timedOut = timedOut;
		this.error = error;
		this.tooLarge = tooLarge;
		this.timeout = timeout;
		this.timeoutSetting = timeoutSetting;
		this.maxResponseBytes = maxResponseBytes;
		this.responseSizeSetting = responseSizeSetting;
	}

	static IntegrationFailures ofRoutes(IntegrationLimits limits, RefusalLog log) {
		return new IntegrationFailures(log, RefusalLog.Kind.INTEGRATION_TIMEOUT, RefusalLog.Kind.INTEGRATION_ERROR,
				RefusalLog.Kind.INTEGRATION_RESPONSE_TOO_LARGE, limits.integrationTimeout(),
				"integrationTimeout(...) or --integration-timeout", limits.maxIntegrationResponseBytes(),
				"maxIntegrationResponseBytes(...) or --integration-max-response");
	}

	static IntegrationFailures ofLambda(IntegrationLimits limits, RefusalLog log) {
		return new IntegrationFailures(log, RefusalLog.Kind.LAMBDA_TIMEOUT, RefusalLog.Kind.LAMBDA_ERROR,
				RefusalLog.Kind.LAMBDA_RESPONSE_TOO_LARGE, limits.lambdaTimeout(),
				"lambdaTimeout(...) or --lambda-timeout", limits.maxLambdaResponseBytes(),
				"maxLambdaResponseBytes(...) or --lambda-max-response");
	}

	/**
	 * The failure of a response over the size limit, not yet logged.
	 * @param bytes its size, or -1 when it was streamed
	 * @param target the call, as logged
	 */
	IntegrationFailure tooLarge(long bytes, String target) {
		return new IntegrationFailure(this.tooLarge,
				target + ": response of " + ((bytes >= 0) ? bytes + " bytes" : "more bytes") + " is over "
						+ this.maxResponseBytes + " bytes; raise " + this.responseSizeSetting);
	}

	/**
	 * Log why a call failed, once, and fail with it.
	 * @param <T> the type of the call's result
	 * @param failure what the call completed with
	 * @param target the call, as logged
	 * @return a future failed with an {@link IntegrationFailure}
	 */
	<T> CompletableFuture<T> failed(Throwable failure, String target) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		for (Throwable candidate = cause; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof IntegrationFailure known) {
				return fail(known.kind(), known.getMessage(), known);
			}
		}
		if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
			return fail(this.timedOut, target + " timed out after " + this.timeout
					+ " (API Gateway's integration timeout is 29 s); raise " + this.timeoutSetting, cause);
		}
		return fail(this.error, target + " failed: " + cause, cause);
	}

	/**
	 * Log a refusal or failure and fail with it.
	 * @param <T> the type of the call's result
	 * @param kind what is logged
	 * @param message what went wrong and what to change
	 * @param cause the failure already known, if any
	 * @return a future failed with an {@link IntegrationFailure}
	 */
	<T> CompletableFuture<T> fail(RefusalLog.Kind kind, String message, @Nullable Throwable cause) {
		this.log.log(kind, () -> message);
		IntegrationFailure failure = (cause instanceof IntegrationFailure known) ? known
				: new IntegrationFailure(kind, message);
		return CompletableFuture.failedFuture(failure);
	}

	/**
	 * Log an error of this kind of integration and fail with it.
	 * @param <T> the type of the call's result
	 * @param message what went wrong
	 * @param cause the failure
	 * @return a future failed with an {@link IntegrationFailure}
	 */
	<T> CompletableFuture<T> error(String message, Throwable cause) {
		return fail(this.error, message, cause);
	}

}
