package dev.apigw.websocket.observation;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.common.KeyValue;
import org.junit.jupiter.api.Test;

import dev.apigw.websocket.ManagementEndpoint;
import dev.apigw.websocket.ManagementOperation;
import dev.apigw.websocket.ManagementOutcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DefaultManagementObservationConvention}: the key values it looks up
 * are those of the call's own endpoint, operation, outcome and attempt.
 */
class DefaultManagementObservationConventionTests {

	private final DefaultManagementObservationConvention convention = new DefaultManagementObservationConvention();

	@Test
	void lowCardinalityKeyValuesAreThoseOfEveryOperationAndOutcomeOfEachEndpoint() {
		List<ManagementEndpoint> endpoints = List.of(
				endpoint("https://abc123.execute-api.eu-west-1.amazonaws.com/prod"),
				endpoint("https://xyz789.execute-api.us-east-1.amazonaws.com/dev"), endpoint("https://ws.example.com"));
		for (int round = 0; round < 2; round++) {
			for (ManagementEndpoint endpoint : endpoints) {
				for (ManagementOperation operation : ManagementOperation.values()) {
					ManagementCallContext context = new ManagementCallContext("abc=", operation, endpoint, 1);
					assertThat(this.convention.getLowCardinalityKeyValues(context)).containsExactly(
							KeyValue.of("api", endpoint.apiTag()), KeyValue.of("operation", operation.tagValue()),
							KeyValue.of("outcome", "unknown"), KeyValue.of("stage", endpoint.stageTag()));
					for (ManagementOutcome outcome : ManagementOutcome.values()) {
						context.setOutcome(outcome);
						assertThat(this.convention.getLowCardinalityKeyValues(context)).containsExactly(
								KeyValue.of("api", endpoint.apiTag()), KeyValue.of("operation", operation.tagValue()),
								KeyValue.of("outcome", outcome.tagValue()), KeyValue.of("stage", endpoint.stageTag()));
					}
				}
			}
		}
	}

	@Test
	void endpointsEqualToOneSeenBeforeAndMoreEndpointsThanAreKeptGetTheirOwnKeyValues() {
		List<ManagementEndpoint> endpoints = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			endpoints.add(endpoint("https://api" + i + ".execute-api.eu-west-1.amazonaws.com/stage" + i));
			endpoints.add(endpoint("https://api" + i + ".execute-api.eu-west-1.amazonaws.com/stage" + i));
		}
		for (ManagementEndpoint endpoint : endpoints) {
			ManagementCallContext context = new ManagementCallContext("abc=", ManagementOperation.GET, endpoint, 1);
			context.setOutcome(ManagementOutcome.GONE);
			assertThat(this.convention.getLowCardinalityKeyValues(context)).contains(
					KeyValue.of("api", endpoint.apiId()), KeyValue.of("stage", endpoint.stage()),
					KeyValue.of("outcome", "gone"));
		}
	}

	@Test
	void highCardinalityKeyValuesAreTheConnectionIdAndTheAttemptNumber() {
		ManagementEndpoint endpoint = endpoint("https://abc123.execute-api.eu-west-1.amazonaws.com/prod");
		for (int attempt : new int[] { 1, 2, 16, 17, 100 }) {
			ManagementCallContext context = new ManagementCallContext("id-" + attempt, ManagementOperation.POST,
					endpoint, attempt);
			assertThat(this.convention.getHighCardinalityKeyValues(context)).containsExactly(
					KeyValue.of("attempt", Integer.toString(attempt)), KeyValue.of("connection.id", "id-" + attempt));
		}
	}

	@Test
	void contextualNameIsTheApiNameOfTheOperation() {
		ManagementEndpoint endpoint = endpoint("https://abc123.execute-api.eu-west-1.amazonaws.com/prod");
		assertThat(this.convention
			.getContextualName(new ManagementCallContext("abc=", ManagementOperation.DELETE, endpoint, 1)))
			.isEqualTo("DeleteConnection");
	}

	private static ManagementEndpoint endpoint(String uri) {
		return ManagementEndpoint.of(URI.create(uri));
	}

}
