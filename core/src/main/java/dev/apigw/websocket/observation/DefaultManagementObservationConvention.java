package dev.apigw.websocket.observation;

import io.micrometer.common.KeyValues;

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

	@Override
	public String getContextualName(ManagementCallContext context) {
		return context.getOperation().apiName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ManagementCallContext context) {
		ManagementOutcome outcome = context.getOutcome();
		return KeyValues.of(LowCardinalityKeyNames.OPERATION.withValue(context.getOperation().tagValue()),
				LowCardinalityKeyNames.OUTCOME.withValue((outcome != null) ? outcome.tagValue() : "unknown"),
				LowCardinalityKeyNames.API.withValue(context.getEndpoint().apiTag()),
				LowCardinalityKeyNames.STAGE.withValue(context.getEndpoint().stageTag()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ManagementCallContext context) {
		return KeyValues.of(HighCardinalityKeyNames.CONNECTION_ID.withValue(context.getConnectionId()),
				HighCardinalityKeyNames.ATTEMPT.withValue(Integer.toString(context.getAttempt())));
	}

}
