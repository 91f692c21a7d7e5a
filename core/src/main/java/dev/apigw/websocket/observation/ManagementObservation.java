package dev.apigw.websocket.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Documentation of the observation of management calls: one observation per attempt.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public enum ManagementObservation implements ObservationDocumentation {

	/**
	 * One attempt of a {@code PostToConnection}, {@code GetConnection} or
	 * {@code DeleteConnection} call.
	 */
	MANAGEMENT_CALL {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultManagementObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

	};

	/**
	 * Low-cardinality keys: bounded values, also used as meter tags.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/**
		 * Operation: {@code post}, {@code get} or {@code delete}.
		 */
		OPERATION {
			@Override
			public String asString() {
				return "operation";
			}
		},

		/**
		 * Outcome of the attempt, e.g. {@code success}, {@code gone}, {@code throttled}.
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/**
		 * API id, or the endpoint's host when the API id is not known.
		 */
		API {
			@Override
			public String asString() {
				return "api";
			}
		},

		/**
		 * Stage, or {@code none}.
		 */
		STAGE {
			@Override
			public String asString() {
				return "stage";
			}
		}

	}

	/**
	 * High-cardinality keys: for traces only, never meter tags.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/**
		 * Connection id.
		 */
		CONNECTION_ID {
			@Override
			public String asString() {
				return "connection.id";
			}
		},

		/**
		 * Attempt number, from 1.
		 */
		ATTEMPT {
			@Override
			public String asString() {
				return "attempt";
			}
		}

	}

}
