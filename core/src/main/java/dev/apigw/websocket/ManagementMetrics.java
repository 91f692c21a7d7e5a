package dev.apigw.websocket;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;

import dev.apigw.websocket.observation.DefaultManagementObservationConvention;
import dev.apigw.websocket.observation.ManagementCallContext;
import dev.apigw.websocket.observation.ManagementObservationConvention;

/**
 * Meters that complement the observation of management calls: retries and payload sizes.
 * Their tags are the low-cardinality key values the observation convention gives a call,
 * so that a convention that renames or adds keys does the same to these tags, less the
 * keys whose values depend on the outcome (not known when a retry starts) and, for the
 * payload size of posts, on the operation. Records nothing without a
 * {@link MeterRegistry}.
 */
final class ManagementMetrics {

	static final String RETRIES_METER_NAME = "apigw.websocket.management.retries";

	static final String PAYLOAD_SIZE_METER_NAME = "apigw.websocket.payload.size";

	// two outcomes that every convention should tell apart, to find the keys that depend
	// on it
	private static final Set<ManagementOutcome> PROBED_OUTCOMES = Set.of(ManagementOutcome.SUCCESS,
			ManagementOutcome.GONE);

	private final @Nullable MeterRegistry registry;

	private final Map<ManagementOperation, Tags> retryTags = new EnumMap<>(ManagementOperation.class);

	// registered on the first retry of each operation, then kept rather than looked up
	private final Map<ManagementOperation, Counter> retries = new ConcurrentHashMap<>();

	private final @Nullable DistributionSummary payloadSize;

	/**
	 * Create the meters of an endpoint.
	 * @param registry the meter registry, or {@code null} to record nothing
	 * @param convention the custom observation convention, or {@code null} for the
	 * default
	 * @param endpoint the management endpoint
	 */
	ManagementMetrics(@Nullable MeterRegistry registry, @Nullable ManagementObservationConvention convention,
			ManagementEndpoint endpoint) {
		this.registry = registry;
		if (registry == null) {
			this.payloadSize = null;
			return;
		}
		ManagementObservationConvention tagging = (convention != null) ? convention
				: DefaultManagementObservationConvention.INSTANCE;
		List<ManagementCallContext> allCalls = new ArrayList<>();
		for (ManagementOperation operation : ManagementOperation.values()) {
			List<ManagementCallContext> calls = probes(operation, endpoint);
			this.retryTags.put(operation, commonTags(tagging, calls));
			allCalls.addAll(calls);
		}
		this.payloadSize = DistributionSummary.builder(PAYLOAD_SIZE_METER_NAME)
			.description("Size of payloads posted to connections")
			.baseUnit("bytes")
			.tags(commonTags(tagging, allCalls))
			.register(registry);
	}

	/**
	 * Count an attempt that is a retry.
	 * @param operation the operation retried
	 */
	void retried(ManagementOperation operation) {
		MeterRegistry registry = this.registry;
		if (registry != null) {
			Counter counter = this.retries.get(operation);
			if (counter == null) {
				counter = this.retries.computeIfAbsent(operation,
						(retried) -> Counter.builder(RETRIES_METER_NAME)
							.description("Management call attempts that were retries")
							.tags(this.retryTags.get(retried))
							.register(registry));
			}
			counter.increment();
		}
	}

	/**
	 * Record the size of a payload posted to one connection.
	 * @param bytes the payload size in bytes
	 */
	void payloadPosted(int bytes) {
		if (this.payloadSize != null) {
			this.payloadSize.record(bytes);
		}
	}

	// contexts of the operation's attempts that differ only in their outcome
	private static List<ManagementCallContext> probes(ManagementOperation operation, ManagementEndpoint endpoint) {
		List<ManagementCallContext> probes = new ArrayList<>();
		for (ManagementOutcome outcome : PROBED_OUTCOMES) {
			ManagementCallContext probe = new ManagementCallContext("", operation, endpoint, 1);
			probe.setOutcome(outcome);
			probes.add(probe);
		}
		return probes;
	}

	// the key values the convention gives every one of the contexts alike
	private static Tags commonTags(ManagementObservationConvention convention, List<ManagementCallContext> contexts) {
		Map<String, String> common = null;
		for (ManagementCallContext context : contexts) {
			Map<String, String> keyValues = new LinkedHashMap<>();
			for (KeyValue keyValue : convention.getLowCardinalityKeyValues(context)) {
				keyValues.put(keyValue.getKey(), keyValue.getValue());
			}
			if (common == null) {
				common = keyValues;
			}
			else {
				common.entrySet().removeIf((entry) -> !entry.getValue().equals(keyValues.get(entry.getKey())));
			}
		}
		Tags tags = Tags.empty();
		if (common != null) {
			for (Map.Entry<String, String> entry : common.entrySet()) {
				tags = tags.and(entry.getKey(), entry.getValue());
			}
		}
		return tags;
	}

}
