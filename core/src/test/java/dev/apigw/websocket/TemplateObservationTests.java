package dev.apigw.websocket;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.apigw.websocket.observation.DefaultManagementObservationConvention;
import dev.apigw.websocket.observation.ManagementCallContext;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Observations and meters of management calls made by
 * {@link WebSocketConnectionTemplate}.
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
	void blockingCallsMakeEveryAttemptOnTheCallersThreadNonBlockingOnesRetryOnAnother() {
		List<Thread> attemptThreads = new CopyOnWriteArrayList<>();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStart(Observation.Context context) {
				attemptThreads.add(Thread.currentThread());
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		WebSocketConnectionTemplate template = api.templateBuilder().observationRegistry(registry).build();
		api.stubPostAnswers(ManagementApiStubs.error(429, "LimitExceededException"),
				ManagementApiStubs.error(429, "LimitExceededException"), ManagementApiStubs.ok());

		template.send("abc", "hello");
		assertThat(attemptThreads).hasSize(3).containsOnly(Thread.currentThread());

		attemptThreads.clear();
		api.server().resetScenarios();
		assertThat(template.sendAsync("abc", "hello")).succeedsWithin(Duration.ofSeconds(10));
		assertThat(attemptThreads).hasSize(3).first().isSameAs(Thread.currentThread());
		assertThat(attemptThreads.subList(1, 3)).doesNotContain(Thread.currentThread());
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
	void metersCountRetriesAndPayloadBytes() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry observationRegistry = ObservationRegistry.create();
		observationRegistry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		api.stubPostAnswers(ManagementApiStubs.errorWithoutType(503), ManagementApiStubs.ok());
		WebSocketConnectionTemplate template = api.templateBuilder()
			.observationRegistry(observationRegistry)
			.meterRegistry(meters)
			.build();

		template.send("abc", "hello");

		assertThat(meters.get(NAME).tags("operation", "post", "outcome", "server_error").timer().count()).isOne();
		assertThat(meters.get(NAME).tags("operation", "post", "outcome", "success").timer().count()).isOne();
		assertThat(meters.get(ManagementMetrics.RETRIES_METER_NAME)
			.tags("api", "127.0.0.1", "stage", "prod")
			.counter()
			.count()).isOne();
		assertThat(meters.get(ManagementMetrics.PAYLOAD_SIZE_METER_NAME).summary().totalAmount()).isEqualTo(5);
	}

	@Test
	void metersTakeTheirTagKeysFromTheConvention() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		api.stubPostAnswers(ManagementApiStubs.errorWithoutType(503), ManagementApiStubs.ok());
		WebSocketConnectionTemplate template = api.templateBuilder()
			.observationConvention(new DefaultManagementObservationConvention() {
				@Override
				public KeyValues getLowCardinalityKeyValues(ManagementCallContext context) {
					return KeyValues.of(super.getLowCardinalityKeyValues(context).stream()
						.map((keyValue) -> KeyValue.of("apigw." + keyValue.getKey(), keyValue.getValue()))
						.toList());
				}
			})
			.meterRegistry(meters)
			.build();

		template.send("abc", "hello");

		assertThat(meters.get(ManagementMetrics.RETRIES_METER_NAME).counter().getId().getTags()).containsExactly(
				Tag.of("apigw.api", "127.0.0.1"), Tag.of("apigw.operation", "post"), Tag.of("apigw.stage", "prod"));
		assertThat(meters.get(ManagementMetrics.PAYLOAD_SIZE_METER_NAME).summary().getId().getTags())
			.containsExactly(Tag.of("apigw.api", "127.0.0.1"), Tag.of("apigw.stage", "prod"));
	}

	@Test
	void defaultMeterTagsAreTheObservationKeysThatDoNotDependOnTheOutcome() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		api.stubPostAnswers(ManagementApiStubs.errorWithoutType(503), ManagementApiStubs.ok());
		api.templateBuilder().meterRegistry(meters).build().send("abc", "hello");
		assertThat(meters.get(ManagementMetrics.RETRIES_METER_NAME).counter().getId().getTags())
			.containsExactly(Tag.of("api", "127.0.0.1"), Tag.of("operation", "post"), Tag.of("stage", "prod"));
		assertThat(meters.get(ManagementMetrics.PAYLOAD_SIZE_METER_NAME).summary().getId().getTags())
			.containsExactly(Tag.of("api", "127.0.0.1"), Tag.of("stage", "prod"));
	}

	@Test
	void noMeterTagValueCarriesAConnectionIdAfterAnyKindOfCall() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry observationRegistry = ObservationRegistry.create();
		observationRegistry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		api.server().stubFor(any(anyUrl()).willReturn(ManagementApiStubs.ok()));
		api.server()
			.stubFor(any(urlPathMatching(".*/gone-.*")).willReturn(ManagementApiStubs.error(410, "GoneException")));
		api.server()
			.stubFor(any(urlPathMatching(".*/busy-.*"))
				.willReturn(ManagementApiStubs.error(429, "LimitExceededException")));
		WebSocketConnectionTemplate template = api.templateBuilder()
			.observationRegistry(observationRegistry)
			.meterRegistry(meters)
			.build();
		List<String> ids = List.of("sync-Lx0=", "async-Kq1=", "bcast-Mw2=", "gone-Nr3=", "busy-Pz4=", "get-Qa5=",
				"del-Rb6=");

		template.send(ids.get(0), "hello");
		assertThat(template.sendAsync(ids.get(1), "hello")).succeedsWithin(Duration.ofSeconds(10));
		assertThat(template.broadcastAsync(ids.subList(2, 4), "news")).succeedsWithin(Duration.ofSeconds(10));
		// sent alone: a broadcast would post a throttled id again until its maximum
		// duration
		assertThat(template.sendAsync(ids.get(4), "news")).failsWithin(Duration.ofSeconds(10));
		assertThat(template.getConnectionAsync(ids.get(5))).succeedsWithin(Duration.ofSeconds(10));
		assertThat(template.disconnectAsync(ids.get(6))).succeedsWithin(Duration.ofSeconds(10));

		// the async observations stop after their futures complete: look over a while
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(meters.getMeters()).flatMap((meter) -> meter.getId().getTags())
				.map(Tag::getValue)
				.isNotEmpty()
				.noneMatch((value) -> ids.stream().anyMatch(value::contains)));
		// the calls were recorded, so the check above looked at their meters
		assertThat(meters.get(NAME).tags("operation", "post", "outcome", "success").timer().count()).isEqualTo(3);
		assertThat(meters.get(NAME).tags("operation", "post", "outcome", "gone").timer().count()).isOne();
		assertThat(meters.get(NAME).tags("operation", "post", "outcome", "throttled").timer().count()).isEqualTo(3);
		assertThat(meters.get(ManagementMetrics.RETRIES_METER_NAME).counter().count()).isEqualTo(2);
	}

	private WebSocketConnectionTemplate template() {
		return api.templateBuilder().observationRegistry(this.observations).build();
	}

}
