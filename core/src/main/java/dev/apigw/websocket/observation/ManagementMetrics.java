package dev.apigw.websocket.observation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;

import dev.apigw.websocket.ManagementEndpoint;
import dev.apigw.websocket.ManagementOperation;

/**
 * Meters that complement the observation of management calls: retries and payload
 * sizes. Records nothing without a {@link MeterRegistry}.
 *
 * @author apigw-websocket
 */
public final class ManagementMetrics {

	/**
	 * Name of the counter of retried attempts.
	 */
	public static final String RETRIES_METER_NAME = "apigw.websocket.management.retries";

	/**
	 * Name of the distribution summary of posted payload sizes.
	 */
	public static final String PAYLOAD_SIZE_METER_NAME = "apigw.websocket.payload.size";

	private final @Nullable MeterRegistry registry;

	private final Tags endpointTags;

	private final @Nullable DistributionSummary payloadSize;

	/**
	 * Create the meters of an endpoint.
	 * @param registry the meter registry, or {@code null} to record nothing
	 * @param endpoint the management endpoint, tagged as {@code api} and {@code stage}
	 */
	public ManagementMetrics(@Nullable MeterRegistry registry, ManagementEndpoint endpoint) {
		this.registry = registry;
		this.endpointTags = Tags.of("api", endpoint.apiTag(), "stage", endpoint.stageTag());
		this.payloadSize = (registry != null) ? DistributionSummary.builder(PAYLOAD_SIZE_METER_NAME)
			.description("Size of payloads posted to connections")
			.baseUnit("bytes")
			.tags(this.endpointTags)
			.register(registry) : null;
	}

	/**
	 * Count a retried attempt.
	 * @param operation the operation retried
	 */
	public void retried(ManagementOperation operation) {
		if (this.registry != null) {
			Counter.builder(RETRIES_METER_NAME)
				.description("Management call attempts that were retries")
				.tags(this.endpointTags)
				.tag("operation", operation.tagValue())
				.register(this.registry)
				.increment();
		}
	}

	/**
	 * Record the size of a payload posted to one connection.
	 * @param bytes the payload size in bytes
	 */
	public void payloadPosted(int bytes) {
		if (this.payloadSize != null) {
			this.payloadSize.record(bytes);
		}
	}

}
