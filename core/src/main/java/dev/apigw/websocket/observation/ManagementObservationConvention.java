package dev.apigw.websocket.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} for management calls; implement it to change names or
 * keys.
 *
 * @author apigw-websocket
 * @see DefaultManagementObservationConvention
 * @since 0.1.0
 */
public interface ManagementObservationConvention extends ObservationConvention<ManagementCallContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ManagementCallContext;
	}

	@Override
	default String getName() {
		return DefaultManagementObservationConvention.NAME;
	}

}
