package dev.apigw.websocket.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import dev.apigw.websocket.ConnectionGoneException;
import dev.apigw.websocket.ManagementServerException;
import dev.apigw.websocket.ManagementThrottledException;
import dev.apigw.websocket.WebSocketConnectionTemplate;
import dev.apigw.websocket.event.WebSocketConnectionGoneEvent;
import dev.apigw.websocket.registry.ConnectionRegistry;
import dev.apigw.websocket.registry.InMemoryConnectionRegistry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * HTTP-level tests of {@link WebSocketAutoConfiguration}: the auto-configured template
 * calling a WireMock server on 127.0.0.1 through the real SDK clients.
 */
class WebSocketAutoConfigurationHttpTests {

	private static final String CONNECTIONS = "/prod/@connections/.*";

	private static final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

	private static final WireMockServer decoy = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

	private ApplicationContextRunner contextRunner;

	@BeforeAll
	static void startServers() {
		server.start();
		decoy.start();
	}

	@AfterAll
	static void stopServers() {
		server.stop();
		decoy.stop();
	}

	@BeforeEach
	void setUp() {
		server.resetAll();
		decoy.resetAll();
		this.contextRunner = AutoConfigurationTestSupport.contextRunner()
			.withPropertyValues("apigw.websocket.endpoint=http://127.0.0.1:" + server.port() + "/prod",
					"apigw.websocket.retry.initial-backoff=1ms", "apigw.websocket.retry.max-backoff=5ms");
	}

	@Test
	void throttledForeverSeesExactlyMaxAttemptsRequests() {
		server.stubFor(post(urlPathMatching(CONNECTIONS)).willReturn(error(429, "LimitExceededException")));
		this.contextRunner.withPropertyValues("apigw.websocket.retry.max-attempts=4").run((context) -> {
			WebSocketConnectionTemplate template = context.getBean(WebSocketConnectionTemplate.class);
			assertThatExceptionOfType(ManagementThrottledException.class)
				.isThrownBy(() -> template.send("L0SM9cOFvHcCIhw=", "hello"));
			server.verify(4, postRequestedFor(urlPathEqualTo("/prod/@connections/L0SM9cOFvHcCIhw%3D")));
		});
	}

	@Test
	void throttledForeverThroughAsyncClientSeesExactlyMaxAttemptsRequests() {
		server.stubFor(post(urlPathMatching(CONNECTIONS)).willReturn(error(429, "LimitExceededException")));
		this.contextRunner.withPropertyValues("apigw.websocket.retry.max-attempts=3").run((context) -> {
			WebSocketConnectionTemplate template = context.getBean(WebSocketConnectionTemplate.class);
			assertThat(template.sendAsync("L0SM9cOFvHcCIhw=", "hello")).failsWithin(Duration.ofSeconds(30))
				.withThrowableThat()
				.withCauseInstanceOf(ManagementThrottledException.class);
			server.verify(3, postRequestedFor(urlPathMatching(CONNECTIONS)));
		});
	}

	@Test
	void blockingCallsGoThroughTheApache5Client() {
		server.stubFor(post(urlPathMatching(CONNECTIONS)).willReturn(aResponse().withStatus(200)));
		this.contextRunner.run((context) -> {
			context.getBean(WebSocketConnectionTemplate.class).send("abc", "hello");
			// the SDK names its HTTP client in the user agent's metadata
			assertThat(server.getAllServeEvents().get(0).getRequest().getHeader("User-Agent"))
				.contains("md/http#Apache5");
		});
	}

	@Test
	void springCloudAwsEndpointDoesNotRedirectCalls() {
		server.stubFor(post(urlPathMatching(CONNECTIONS)).willReturn(aResponse().withStatus(200)));
		this.contextRunner.withPropertyValues("spring.cloud.aws.endpoint=http://127.0.0.1:" + decoy.port())
			.run((context) -> {
				context.getBean(WebSocketConnectionTemplate.class).send("abc", "hello");
				server.verify(1, postRequestedFor(urlPathEqualTo("/prod/@connections/abc")));
				decoy.verify(0, anyRequestedFor(anyUrl()));
			});
	}

	@Test
	void goneConnectionIsPrunedFromRegistry() {
		server.stubFor(post(urlPathMatching(CONNECTIONS)).willReturn(error(410, "GoneException")));
		this.contextRunner.run((context) -> {
			ConnectionRegistry registry = registryPastGracePeriod(context);
			registry.register("abc", Map.of("user", "alice"));
			assertThatExceptionOfType(ConnectionGoneException.class)
				.isThrownBy(() -> context.getBean(WebSocketConnectionTemplate.class).send("abc", "hello"));
			assertThat(registry.contains("abc")).isFalse();
		});
	}

	@Test
	void goneConnectionJustRegisteredIsKeptWithinGracePeriod() {
		server.stubFor(post(urlPathMatching(CONNECTIONS)).willReturn(error(410, "GoneException")));
		this.contextRunner.withPropertyValues("apigw.websocket.prune-grace-period=1h").run((context) -> {
			ConnectionRegistry registry = context.getBean(ConnectionRegistry.class);
			registry.register("upgrading", Map.of("user", "alice"));
			assertThatExceptionOfType(ConnectionGoneException.class)
				.isThrownBy(() -> context.getBean(WebSocketConnectionTemplate.class).send("upgrading", "hello"));
			assertThat(registry.attributes("upgrading")).contains(Map.of("user", "alice"));
		});
	}

	@Test
	void goneConnectionIsKeptWhenPruningIsOff() {
		server.stubFor(post(urlPathMatching(CONNECTIONS)).willReturn(error(410, "GoneException")));
		this.contextRunner.withPropertyValues("apigw.websocket.prune-on-gone=false").run((context) -> {
			ConnectionRegistry registry = registryPastGracePeriod(context);
			registry.register("abc", Map.of());
			assertThatExceptionOfType(ConnectionGoneException.class)
				.isThrownBy(() -> context.getBean(WebSocketConnectionTemplate.class).send("abc", "hello"));
			assertThat(registry.contains("abc")).isTrue();
		});
	}

	@Test
	void applicationMeterRegistryCountsRetriesAndPrunes() {
		server
			.stubFor(post(urlPathEqualTo("/prod/@connections/busy")).willReturn(error(429, "LimitExceededException")));
		server.stubFor(post(urlPathEqualTo("/prod/@connections/gone")).willReturn(error(410, "GoneException")));
		this.contextRunner.withPropertyValues("apigw.websocket.retry.max-attempts=3")
			.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				WebSocketConnectionTemplate template = context.getBean(WebSocketConnectionTemplate.class);
				registryPastGracePeriod(context).register("gone", Map.of());
				assertThatExceptionOfType(ManagementThrottledException.class)
					.isThrownBy(() -> template.send("busy", "hello"));
				assertThatExceptionOfType(ConnectionGoneException.class).isThrownBy(() -> template.send("gone", "hi"));
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get("apigw.websocket.management.retries").counter().count()).isEqualTo(2);
				assertThat(meters.get("apigw.websocket.registry.pruned").counter().count()).isEqualTo(1);
				assertThat(meters.get("apigw.websocket.payload.size").summary().totalAmount()).isEqualTo(7);
			});
	}

	@Test
	void applicationJsonMapperWritesJsonPayloads() {
		server.stubFor(post(urlPathMatching(CONNECTIONS)).willReturn(aResponse().withStatus(200)));
		this.contextRunner
			.withBean(JsonMapper.class,
					() -> JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build())
			.run((context) -> {
				context.getBean(WebSocketConnectionTemplate.class).sendJson("abc", new Notice("finished"));
				server.verify(postRequestedFor(urlPathEqualTo("/prod/@connections/abc"))
					.withRequestBody(containing("\"build_status\":\"finished\"")));
			});
	}

	@Test
	void everyAttemptIsObserved() {
		server.stubFor(any(urlPathMatching(CONNECTIONS)).willReturn(aResponse().withStatus(200)));
		this.contextRunner.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
			.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.run((context) -> {
				context.getBean(WebSocketConnectionTemplate.class).send("abc", "hello");
				assertThat(context.getBean(TestObservationRegistry.class))
					.hasObservationWithNameEqualTo("apigw.websocket.management")
					.that()
					.hasLowCardinalityKeyValue("operation", "post")
					.hasLowCardinalityKeyValue("stage", "prod");
			});
	}

	@Test
	void observationsCanBeSwitchedOffWithBootProperty() {
		server.stubFor(any(urlPathMatching(CONNECTIONS)).willReturn(aResponse().withStatus(200)));
		this.contextRunner.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
			.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withPropertyValues("management.observations.enable.apigw.websocket=false")
			.run((context) -> {
				context.getBean(WebSocketConnectionTemplate.class).send("abc", "hello");
				server.verify(1, postRequestedFor(urlPathEqualTo("/prod/@connections/abc")));
				assertThat(context.getBean(TestObservationRegistry.class)).doesNotHaveAnyObservation();
			});
	}

	@Test
	void deliveryPropertyDecidesWhetherAPostThatMayHaveBeenDeliveredIsRepeated() {
		server.stubFor(post(urlPathMatching(CONNECTIONS)).willReturn(aResponse().withStatus(500)));
		this.contextRunner.run((context) -> {
			assertThatExceptionOfType(ManagementServerException.class)
				.isThrownBy(() -> context.getBean(WebSocketConnectionTemplate.class).send("once", "hello"));
			server.verify(1, postRequestedFor(urlPathEqualTo("/prod/@connections/once")));
		});
		this.contextRunner.withPropertyValues("apigw.websocket.delivery=at-least-once").run((context) -> {
			assertThatExceptionOfType(ManagementServerException.class)
				.isThrownBy(() -> context.getBean(WebSocketConnectionTemplate.class).send("repeated", "hello"));
			server.verify(3, postRequestedFor(urlPathEqualTo("/prod/@connections/repeated")));
		});
	}

	@Test
	void throwingGoneListenerChangesNoResultAndStopsNoPruning() {
		server.stubFor(any(urlPathMatching(CONNECTIONS)).willReturn(error(410, "GoneException")));
		this.contextRunner.withUserConfiguration(ThrowingGoneListener.class).run((context) -> {
			ConnectionRegistry registry = registryPastGracePeriod(context);
			WebSocketConnectionTemplate template = context.getBean(WebSocketConnectionTemplate.class);
			List.of("sync", "async", "lookup", "broadcast").forEach((id) -> registry.register(id, Map.of()));
			assertThatExceptionOfType(ConnectionGoneException.class).isThrownBy(() -> template.send("sync", "hi"));
			assertThat(template.sendAsync("async", "hi")).failsWithin(Duration.ofSeconds(10))
				.withThrowableThat()
				.withCauseInstanceOf(ConnectionGoneException.class);
			assertThat(template.getConnection("lookup")).isEmpty();
			assertThat(template.broadcast(List.of("broadcast"), "hi").gone()).containsExactly("broadcast");
			assertThat(registry.connectionIds()).isEmpty();
			assertThat(context.getBean(ThrowingGoneListener.class).calls).hasValue(4);
		});
	}

	@Test
	void noAutoConfiguredMeterCarriesAConnectionIdInAnyTagValue() {
		server.stubFor(any(urlPathMatching(CONNECTIONS)).willReturn(aResponse().withStatus(200)));
		server.stubFor(any(urlPathMatching(".*/gone-.*")).willReturn(error(410, "GoneException")));
		server.stubFor(any(urlPathMatching(".*/busy-.*")).willReturn(error(429, "LimitExceededException")));
		List<String> ids = List.of("sync-Lx0=", "async-Kq1=", "bcast-Mw2=", "gone-Nr3=", "busy-Pz4=", "get-Qa5=");
		this.contextRunner.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
			.withUserConfiguration(MetersConfiguration.class)
			.run((context) -> {
				SimpleMeterRegistry meters = context.getBean(SimpleMeterRegistry.class);
				registryPastGracePeriod(context).register("gone-Nr3=", Map.of());
				WebSocketConnectionTemplate template = context.getBean(WebSocketConnectionTemplate.class);
				template.send(ids.get(0), "hello");
				assertThat(template.sendAsync(ids.get(1), "hello")).succeedsWithin(Duration.ofSeconds(10));
				assertThat(template.broadcastAsync(ids.subList(2, 4), "news")).succeedsWithin(Duration.ofSeconds(10));
				// sent alone: a broadcast would post a throttled id again until its
				// maximum duration
				assertThat(template.sendAsync(ids.get(4), "news")).failsWithin(Duration.ofSeconds(10));
				assertThat(template.getConnectionAsync(ids.get(5))).succeedsWithin(Duration.ofSeconds(10));

				// the async observations stop after their futures complete: look over a
				// while
				await().during(Duration.ofMillis(300))
					.atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(meters.getMeters()).flatMap((meter) -> meter.getId().getTags())
						.map(Tag::getValue)
						.isNotEmpty()
						.noneMatch((value) -> ids.stream().anyMatch(value::contains)));
				// the meters looked at are those of the calls, the retries, the payloads
				// and the lifecycle
				assertThat(meters.get("apigw.websocket.management").timers()).hasSizeGreaterThanOrEqualTo(4);
				assertThat(meters.get("apigw.websocket.management.retries").counter().count()).isEqualTo(2);
				assertThat(meters.get("apigw.websocket.payload.size").summary().count()).isEqualTo(5);
				assertThat(meters.get("apigw.websocket.registry.pruned").counter().count()).isOne();
			});
	}

	/**
	 * The auto-configured registry, registering as if an hour ago, so that a 410 comes
	 * long after the grace period of the registration.
	 */
	private static ConnectionRegistry registryPastGracePeriod(ApplicationContext context) {
		InMemoryConnectionRegistry registry = context.getBean(InMemoryConnectionRegistry.class);
		registry.setClock(Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));
		return registry;
	}

	private static ResponseDefinitionBuilder error(int status, String errorType) {
		return aResponse().withStatus(status)
			.withHeader("x-amzn-ErrorType", errorType)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"" + errorType + "\"}");
	}

	record Notice(String buildStatus) {
	}

	/**
	 * A meter registry, and the handler through which the auto-configured observation
	 * registry records timers into it.
	 */
	@Configuration(proxyBeanMethods = false)
	static class MetersConfiguration {

		@Bean
		SimpleMeterRegistry simpleMeterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		DefaultMeterObservationHandler defaultMeterObservationHandler(MeterRegistry meterRegistry) {
			return new DefaultMeterObservationHandler(meterRegistry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ThrowingGoneListener {

		final AtomicInteger calls = new AtomicInteger();

		@EventListener
		void onGone(WebSocketConnectionGoneEvent event) {
			this.calls.incrementAndGet();
			throw new IllegalStateException("listener failed for " + event.connectionId());
		}

	}

}
