package dev.apigw.websocket.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.apigw.websocket.ManagementEndpoint;
import dev.apigw.websocket.ManagementOutcome;

/**
 * {@link HealthIndicator} for the @connections management endpoint. It costs one
 * {@code GetConnection} call for a connection id that cannot exist: {@code 410 Gone} means
 * the endpoint is reachable and the caller is authorised ({@code UP}); {@code 403
 * Forbidden} means a wrong stage, region or IAM policy ({@code DOWN}). The result is reused
 * for a configurable time so that health checks do not consume the account's request rate.
 * The SDK client is called directly, not through the template, so that a health check
 * publishes no gone event and is not retried. Any other failure, including one that never
 * reached the network (no credentials, no signer, mixed SDK versions), is {@code DOWN} with
 * its reason, and cached like every other result.
 */
public final class WebSocketApiHealthIndicator implements HealthIndicator {

	/**
	 * Connection id probed by the health check: shaped like a real id (base64 of
	 * "healthcheck") so that the service answers 410 rather than 400.
	 */
	static final String PROBE_CONNECTION_ID = "aGVhbHRoY2hlY2s=";

	private static final String FORBIDDEN_HINT = "Check that the endpoint includes the stage, that the signing region "
			+ "is the API's region and that the caller is allowed execute-api:ManageConnections on "
			+ "arn:aws:execute-api:{region}:{account}:{api-id}/{stage}/*/@connections/*";

	private final ApiGatewayManagementApiClient client;

	private final ManagementEndpoint endpoint;

	private final long cacheTtlNanos;

	private volatile @Nullable CheckedHealth lastCheck;

	/**
	 * Create a new instance.
	 * @param client the client to probe the endpoint with
	 * @param endpoint the endpoint the client calls
	 * @param cacheTtl how long a result is reused
	 */
	public WebSocketApiHealthIndicator(ApiGatewayManagementApiClient client, ManagementEndpoint endpoint,
			Duration cacheTtl) {
		this.client = client;
		this.endpoint = endpoint;
		this.cacheTtlNanos = cacheTtl.toNanos();
	}

	@Override
	public Health health() {
		CheckedHealth last = this.lastCheck;
		if (last != null && last.isFresh(this.cacheTtlNanos)) {
			return last.health();
		}
		synchronized (this) {
			last = this.lastCheck;
			if (last != null && last.isFresh(this.cacheTtlNanos)) {
				return last.health();
			}
			Health health = check();
			this.lastCheck = new CheckedHealth(health, System.nanoTime());
			return health;
		}
	}

	private Health check() {
		Health.Builder builder = Health.unknown().withDetail("endpoint", this.endpoint.uri().toString());
		try {
			this.client.getConnection((request) -> request.connectionId(PROBE_CONNECTION_ID));
			return builder.up().build();
		}
		catch (SdkServiceException ex) {
			int status = ex.statusCode();
			builder.withDetail("status", status);
			return switch (ManagementOutcome.forStatusCode(status)) {
				case GONE -> builder.up().build();
				case FORBIDDEN ->
					builder.down().withDetail("error", "Forbidden").withDetail("hint", FORBIDDEN_HINT).build();
				// throttled: reachable, but nothing is known of authorisation; do not fail readiness under load
				case THROTTLED -> builder.unknown().withDetail("error", "Throttled").build();
				default -> builder.down(ex).build();
			};
		}
		catch (SdkClientException ex) {
			return builder.down(ex).build();
		}
		catch (RuntimeException | LinkageError ex) {
			// a client-side failure outside the SDK's exception types (for example "A signer was
			// not configured" from mixed SDK versions) must not turn /actuator/health into a 500
			return builder.down().withDetail("error", ex.getClass().getName() + ": " + ex.getMessage()).build();
		}
	}

	private record CheckedHealth(Health health, long checkedAtNanos) {

		boolean isFresh(long ttlNanos) {
			return System.nanoTime() - this.checkedAtNanos < ttlNanos;
		}

	}

}
