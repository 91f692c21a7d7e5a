package dev.apigw.websocket.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

import dev.apigw.websocket.ManagementEndpoint;
import dev.apigw.websocket.ManagementOperation;
import dev.apigw.websocket.ManagementOutcome;
import dev.apigw.websocket.observation.ManagementObservation.HighCardinalityKeyNames;
import dev.apigw.websocket.observation.ManagementObservation.LowCardinalityKeyNames;

/**
 * Default {@link ManagementObservationConvention}: name {@value #NAME}, low-cardinality
 * keys {@code operation}, {@code outcome}, {@code api}, {@code stage}, high-cardinality
 * keys {@code connection.id}, {@code attempt}.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public class DefaultManagementObservationConvention implements ManagementObservationConvention {

	/**
	 * Name of the observation.
	 */
	public static final String NAME = "apigw.websocket.management";

	/**
	 * A shared instance.
	 */
	public static final DefaultManagementObservationConvention INSTANCE = new DefaultManagementObservationConvention();

	// an application has one endpoint or a few; one that makes endpoints without end gets
	// its key values built per call beyond this many
	private static final int MAX_ENDPOINTS = 16;

	private static final ManagementOperation[] OPERATIONS = ManagementOperation.values();

	private static final ManagementOutcome[] OUTCOMES = ManagementOutcome.values();

	// attempts beyond these are rare: their key values are made when needed
	private static final KeyValue[] ATTEMPTS = new KeyValue[16];

	static {
		for (int i = 0; i < ATTEMPTS.length; i++) {
			ATTEMPTS[i] = HighCardinalityKeyNames.ATTEMPT.withValue(Integer.toString(i + 1));
		}
	}

	// the low-cardinality key values of the endpoints seen so far, so that an observation
	// looks them up instead of building and sorting them twice per attempt
	private volatile EndpointKeyValues[] endpoints = new EndpointKeyValues[0];

	@Override
	public String getContextualName(ManagementCallContext context) {
		return context.getOperation().apiName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ManagementCallContext context) {
		EndpointKeyValues keyValues = keyValues(context.getEndpoint());
		return (keyValues != null) ? keyValues.get(context.getOperation(), context.getOutcome())
				: lowCardinalityKeyValues(context.getEndpoint(), context.getOperation(), context.getOutcome());
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ManagementCallContext context) {
		KeyValues keyValues = context.defaultHighCardinalityKeyValues;
		if (keyValues == null) {
			int attempt = context.getAttempt();
			KeyValue attemptKeyValue = (attempt >= 1 && attempt <= ATTEMPTS.length) ? ATTEMPTS[attempt - 1]
					: HighCardinalityKeyNames.ATTEMPT.withValue(Integer.toString(attempt));
			keyValues = KeyValues.of(HighCardinalityKeyNames.CONNECTION_ID.withValue(context.getConnectionId()),
					attemptKeyValue);
			context.defaultHighCardinalityKeyValues = keyValues;
		}
		return keyValues;
	}

	private @Nullable EndpointKeyValues keyValues(ManagementEndpoint endpoint) {
		EndpointKeyValues[] known = this.endpoints;
		for (EndpointKeyValues keyValues : known) {
			if (keyValues.endpoint == endpoint) {
				return keyValues;
			}
		}
		for (EndpointKeyValues keyValues : known) {
			if (keyValues.endpoint.equals(endpoint)) {
				return keyValues;
			}
		}
		return remember(endpoint);
	}

	private synchronized @Nullable EndpointKeyValues remember(ManagementEndpoint endpoint) {
		EndpointKeyValues[] known = this.endpoints;
		for (EndpointKeyValues keyValues : known) {
			if (keyValues.endpoint.equals(endpoint)) {
				return keyValues;
			}
		}
		if (known.length == MAX_ENDPOINTS) {
			return null;
		}
		EndpointKeyValues keyValues = new EndpointKeyValues(endpoint);
		EndpointKeyValues[] more = new EndpointKeyValues[known.length + 1];
		System.arraycopy(known, 0, more, 0, known.length);
		more[known.length] = keyValues;
		this.endpoints = more;
		return keyValues;
	}

	private static KeyValues lowCardinalityKeyValues(ManagementEndpoint endpoint, ManagementOperation operation,
			@Nullable ManagementOutcome outcome) {
		return KeyValues.of(LowCardinalityKeyNames.OPERATION.withValue(operation.tagValue()),
				LowCardinalityKeyNames.OUTCOME.withValue((outcome != null) ? outcome.tagValue() : "unknown"),
				LowCardinalityKeyNames.API.withValue(endpoint.apiTag()),
				LowCardinalityKeyNames.STAGE.withValue(endpoint.stageTag()));
	}

	/**
	 * The low-cardinality key values of every operation and outcome (or none yet) of the
	 * calls to one endpoint.
	 */
	private static final class EndpointKeyValues {

		private final ManagementEndpoint endpoint;

		// by operation, then by outcome with the one of calls in flight first
		private final KeyValues[][] keyValues = new KeyValues[OPERATIONS.length][OUTCOMES.length + 1];

		EndpointKeyValues(ManagementEndpoint endpoint) {
			this.endpoint = endpoint;
			for (ManagementOperation operation : OPERATIONS) {
				KeyValues[] byOutcome = this.keyValues[operation.ordinal()];
				byOutcome[0] = lowCardinalityKeyValues(endpoint, operation, null);
				for (ManagementOutcome outcome : OUTCOMES) {
					byOutcome[outcome.ordinal() + 1] = lowCardinalityKeyValues(endpoint, operation, outcome);
				}
			}
		}

		KeyValues get(ManagementOperation operation, @Nullable ManagementOutcome outcome) {
			return this.keyValues[operation.ordinal()][(outcome != null) ? outcome.ordinal() + 1 : 0];
		}

	}

}
