package dev.apigw.websocket;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.apigw.websocket.observation.DefaultManagementObservationConvention;
import dev.apigw.websocket.observation.ManagementCallContext;
import dev.apigw.websocket.observation.ManagementMetrics;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Observations and meters of management calls made by {@link WebSocketConnectionTemplate}.
 */
class TemplateObservationTests {

	@RegisterExtension
	static final ManagementApiExtension api = new ManagementApiExtension();

	private static final String NAME = "apigw.websocket.management";

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	@Test
	void successfulSendIsObservedWithLowAndHighCardinalityKeys() {
		api.server().stubFor(post(anyUrl()).willReturn(ManagementApiStubs.ok()));
		template().send("abc=", "hello");
		assertThat(this.observations).hasSingleObservationThat()
			.hasNameEqualTo(NAME)
			.hasContextualNameEqualTo("PostToConnection")
			.hasLowCardinalityKeyValue("operation", "post")
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasLowCardinalityKeyValue("api", "127.0.0.1")
			.hasLowCardinalityKeyValue("stage", "prod")
			.hasHighCardinalityKeyValue("connection.id", "abc=")
			.hasHighCardinalityKeyValue("attempt", "1")
			.doesNotHaveLowCardinalityKeyValueWithKey("connection.id")
			.doesNotHaveError();
	}

	@Test
	void everyAttemptIsItsOwnObservation() {
		api.stubPostAnswers(ManagementApiStubs.error(429, "LimitExceededException"),
				ManagementApiStubs.error(429, "LimitExceededException"), ManagementApiStubs.ok());

		assertThat(template().sendAsync("abc", "hello")).succeedsWithin(Duration.ofSeconds(10));

		assertThat(this.observations).hasNumberOfObservationsWithNameEqualTo(NAME, 3)
			.hasHandledContextsThatSatisfy((contexts) -> assertThat(contexts)
				.map((context) -> ((ManagementCallContext) context).getOutcome() + "#"
						+ ((ManagementCallContext) context).getAttempt())
				.containsExactly("THROTTLED#1", "THROTTLED#2", "SUCCESS#3"));
	}

	@Test
	void goneLookupIsObservedAsGoneWithTheError() {
		api.server().stubFor(get(anyUrl()).willReturn(ManagementApiStubs.errorWithoutType(410)));
		assertThat(template().getConnection("abc")).isEmpty();
		assertThat(this.observations).hasSingleObservationThat()
			.hasContextualNameEqualTo("GetConnection")
			.hasLowCardinalityKeyValue("operation", "get")
			.hasLowCardinalityKeyValue("outcome", "gone")
			.assertThatError()
			.isInstanceOf(ConnectionGoneException.class);
	}

	@Test
	void forbiddenDisconnectIsObservedAsForbidden() {
		api.server().stubFor(delete(anyUrl()).willReturn(ManagementApiStubs.error(403, "ForbiddenException")));
		assertThatExceptionOfType(ManagementForbiddenException.class).isThrownBy(() -> template().disconnect("abc"));
		assertThat(this.observations).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("operation", "delete")
			.hasLowCardinalityKeyValue("outcome", "forbidden");
	}

	@Test
	void customConventionIsUsed() {
		api.server().stubFor(post(anyUrl()).willReturn(ManagementApiStubs.ok()));
		api.templateBuilder()
			.observationRegistry(this.observations)
			.observationConvention(new DefaultManagementObservationConvention() {
				@Override
				public String getName() {
					return "custom.management";
				}
			})
			.build()
			.send("abc", "hello");
		assertThat(this.observations).hasSingleObservationThat().hasNameEqualTo("custom.management");
	}

	@Test
	void metersCarryNoConnectionIdAndCountRetriesAndPayloadBytes() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry observationRegistry = ObservationRegistry.create();
		observationRegistry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		api.stubPostAnswers(ManagementApiStubs.errorWithoutType(502), ManagementApiStubs.ok());
		WebSocketConnectionTemplate template = api.templateBuilder()
			.observationRegistry(observationRegistry)
			.meterRegistry(meters)
			.build();

		template.send("abc", "hello");

		assertThat(meters.get(NAME).tags("operation", "post", "outcome", "server_error").timer().count()).isOne();
		assertThat(meters.get(NAME).tags("operation", "post", "outcome", "success").timer().count()).isOne();
		assertThat(meters.get(ManagementMetrics.RETRIES_METER_NAME).tags("api", "127.0.0.1", "stage", "prod")
			.counter()
			.count()).isOne();
		assertThat(meters.get(ManagementMetrics.PAYLOAD_SIZE_METER_NAME).summary().totalAmount()).isEqualTo(5);
		List<Meter> all = meters.getMeters();
		assertThat(all).flatMap((meter) -> meter.getId().getTags())
			.noneMatch((tag) -> tag.getKey().equals("connection.id"));
	}

	private WebSocketConnectionTemplate template() {
		return api.templateBuilder().observationRegistry(this.observations).build();
	}

}
