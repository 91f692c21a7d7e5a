package dev.apigw.websocket;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

import org.springframework.util.Assert;

/**
 * Checks that the {@code @connections} management endpoint is reachable and that the
 * caller is authorised, for a health indicator. A probe costs one {@code GetConnection}
 * call for a connection id that cannot exist: {@code 410 Gone} means reachable and
 * authorised ({@link Status#UP UP}); {@code 403 Forbidden} means a wrong stage, region or
 * IAM policy ({@link Status#DOWN DOWN}, with what to check); {@code 429} says nothing
 * about authorisation ({@link Status#UNKNOWN UNKNOWN}, so that readiness does not fail
 * under load). Failures are classified as the template classifies them: one that never
 * reached the network because of the client's configuration (no credentials, no region,
 * mixed AWS SDK versions) is {@code DOWN} with the fix.
 * <p>
 * The SDK client is called directly, not through the template, so that a probe is not
 * retried and publishes no gone event. Every result, a failure too, is reused for the
 * cache time so that health checks do not consume the account's request rate.
 * Thread-safe.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public final class ManagementEndpointProbe {

	/**
	 * Connection id probed: shaped like a real id (base64 of "healthcheck") so that the
	 * service answers 410 rather than 400.
	 */
	public static final String PROBE_CONNECTION_ID = "aGVhbHRoY2hlY2s=";

	private final ApiGatewayManagementApiClient client;

	private final ManagementEndpoint endpoint;

	private final ManagementErrorTranslator translator;

	private final long cacheTtlNanos;

	private volatile @Nullable CachedResult lastResult;

	/**
	 * Create a probe.
	 * @param client the client to probe the endpoint with
	 * @param endpoint the endpoint the client calls
	 * @param cacheTtl how long a result is reused, {@link Duration#ZERO} to probe on
	 * every call
	 */
	public ManagementEndpointProbe(ApiGatewayManagementApiClient client, ManagementEndpoint endpoint,
			Duration cacheTtl) {
		Assert.notNull(client, "'client' must not be null");
		Assert.notNull(endpoint, "'endpoint' must not be null");
		Assert.notNull(cacheTtl, "'cacheTtl' must not be null");
		Assert.isTrue(!cacheTtl.isNegative(), () -> "'cacheTtl' must not be negative, but was " + cacheTtl);
		this.client = client;
		this.endpoint = endpoint;
		this.translator = new ManagementErrorTranslator(endpoint);
		this.cacheTtlNanos = cacheTtl.toNanos();
	}

	/**
	 * Return the result of the last probe while it is fresh, else probe the endpoint.
	 * Never throws: whatever the call fails with is a result.
	 * @return the result
	 */
	public Result probe() {
		CachedResult last = this.lastResult;
		if (last != null && last.isFresh(this.cacheTtlNanos)) {
			return last.result();
		}
		synchronized (this) {
			last = this.lastResult;
			if (last != null && last.isFresh(this.cacheTtlNanos)) {
				return last.result();
			}
			Result result = call();
			this.lastResult = new CachedResult(result, System.nanoTime());
			return result;
		}
	}

	private Result call() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("endpoint", this.endpoint.uri().toString());
		try {
			this.client.getConnection((request) -> request.connectionId(PROBE_CONNECTION_ID));
			return new Result(Status.UP, details);
		}
		catch (RuntimeException | LinkageError ex) {
			// LinkageError: mixed SDK versions must not turn the health endpoint into a
			// 500
			return failed(ex, details);
		}
	}

	private Result failed(Throwable ex, Map<String, Object> details) {
		WebSocketManagementException failure = this.translator.translate(ex, PROBE_CONNECTION_ID,
				ManagementOperation.GET);
		if (failure.statusCode() > 0) {
			details.put("status", failure.statusCode());
		}
		ManagementOutcome outcome = failure.outcome();
		details.put("outcome", outcome.tagValue());
		Status status = switch (outcome) {
			case GONE -> Status.UP;
			case THROTTLED -> {
				details.put("error", "Throttled");
				yield Status.UNKNOWN;
			}
			case FORBIDDEN -> {
				details.put("error", "Forbidden");
				details.put("hint", ManagementForbiddenException.hint(this.endpoint.uri()));
				yield Status.DOWN;
			}
			case CONFIGURATION_ERROR -> {
				details.put("error", describe(ex));
				details.put("hint", failure.getMessage());
				yield Status.DOWN;
			}
			default -> {
				details.put("error", describe(ex));
				yield Status.DOWN;
			}
		};
		return new Result(status, details);
	}

	private static String describe(Throwable ex) {
		return ex.getClass().getName() + ": " + ex.getMessage();
	}

	/**
	 * Health of the management endpoint, by the names of Spring Boot's health statuses.
	 */
	public enum Status {

		/**
		 * Reachable and authorised.
		 */
		UP,

		/**
		 * Not reachable, not authorised, or the client cannot make the call.
		 */
		DOWN,

		/**
		 * Reachable, but throttled: authorisation is not known.
		 */
		UNKNOWN

	}

	/**
	 * The result of a probe.
	 *
	 * @param status the health of the endpoint
	 * @param details what was found: {@code endpoint}, and for a failed call its
	 * {@code outcome}, the HTTP {@code status} if there was a response, the {@code error}
	 * and, where the fix is known, a {@code hint}
	 */
	public record Result(Status status, Map<String, Object> details) {

		/**
		 * Create a result with an unmodifiable copy of the details.
		 * @param status the health of the endpoint
		 * @param details what was found
		 */
		public Result {
			Assert.notNull(status, "'status' must not be null");
			Assert.notNull(details, "'details' must not be null");
			details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
		}

	}

	private record CachedResult(Result result, long probedAtNanos) {

		boolean isFresh(long ttlNanos) {
			return System.nanoTime() - this.probedAtNanos < ttlNanos;
		}

	}

}
