package dev.apigw.websocket.autoconfigure.health;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.apigw.websocket.WebSocketConnectionTemplate;
import dev.apigw.websocket.autoconfigure.AutoConfigurationTestSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebSocketHealthContributorAutoConfiguration}: conditions,
 * registration, and the auto-configured indicator probing a WireMock server on 127.0.0.1
 * through the real SDK client.
 */
class WebSocketHealthContributorAutoConfigurationTests {

	private static final String PROBE_PATH = "/prod/@connections/aGVhbHRoY2hlY2s%3D";

	// reset before each test
	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(options().bindAddress("127.0.0.1").dynamicPort())
		.build();

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void setUp() {
		this.contextRunner = AutoConfigurationTestSupport.contextRunner()
			.withConfiguration(AutoConfigurations.of(WebSocketHealthContributorAutoConfiguration.class))
			.withPropertyValues("apigw.websocket.endpoint=http://127.0.0.1:" + server.getPort() + "/prod");
	}

	@Test
	void healthIndicatorIsRegisteredAsApigwWebSocket() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class))
			.run((context) -> {
				HealthContributorRegistry registry = context.getBean(HealthContributorRegistry.class);
				assertThat(registry.getContributor("apigwWebSocket")).isSameAs(indicator(context));
			});
	}

	@Test
	void withoutHealthModuleNoHealthIndicator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean("apigwWebSocketHealthIndicator")
				.hasSingleBean(WebSocketConnectionTemplate.class));
	}

	@Test
	void healthIndicatorCanBeDisabled() {
		this.contextRunner.withPropertyValues("management.health.apigw-websocket.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("apigwWebSocketHealthIndicator")
				.hasSingleBean(WebSocketConnectionTemplate.class));
	}

	@Test
	void withoutTheManagementClientNoHealthIndicator() {
		this.contextRunner.withPropertyValues("apigw.websocket.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HealthIndicator.class));
	}

	@Test
	void userIndicatorOfTheSameNameMakesItBackOff() {
		HealthIndicator user = () -> Health.up().build();
		this.contextRunner.withBean("apigwWebSocketHealthIndicator", HealthIndicator.class, () -> user)
			.run((context) -> {
				assertThat(context).hasSingleBean(HealthIndicator.class);
				assertThat(indicator(context)).isSameAs(user);
			});
	}

	@Test
	void negativeCacheTimeFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("apigw.websocket.health.cache-ttl=-1s")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Invalid 'apigw.websocket.health.cache-ttl': "
						+ "'cacheTtl' must not be negative, but was PT-1S"));
	}

	@Test
	void healthIsUpWhenProbeIsGone() {
		server.stubFor(get(urlPathEqualTo(PROBE_PATH)).willReturn(error(410, "GoneException")));
		this.contextRunner.run((context) -> {
			Health health = indicator(context).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("endpoint", "http://127.0.0.1:" + server.getPort() + "/prod");
		});
	}

	@Test
	void healthIsDownWithHintWhenForbidden() {
		server.stubFor(get(urlPathEqualTo(PROBE_PATH)).willReturn(error(403, "ForbiddenException")));
		this.contextRunner.run((context) -> {
			Health health = indicator(context).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("status", 403);
			assertThat((String) health.getDetails().get("hint")).contains("stage", "region",
					"execute-api:ManageConnections");
		});
	}

	@Test
	void healthIsDownWhenServerFails() {
		server.stubFor(get(urlPathEqualTo(PROBE_PATH)).willReturn(aResponse().withStatus(500)));
		this.contextRunner.run((context) -> assertThat(indicator(context).health().getStatus()).isEqualTo(Status.DOWN));
	}

	@Test
	void healthIsUnknownWhenThrottled() {
		server.stubFor(get(urlPathEqualTo(PROBE_PATH)).willReturn(error(429, "LimitExceededException")));
		this.contextRunner
			.run((context) -> assertThat(indicator(context).health().getStatus()).isEqualTo(Status.UNKNOWN));
	}

	@Test
	void healthIsCachedForTheConfiguredTime() {
		server.stubFor(get(urlPathEqualTo(PROBE_PATH)).willReturn(error(410, "GoneException")));
		this.contextRunner.withPropertyValues("apigw.websocket.health.cache-ttl=1h").run((context) -> {
			HealthIndicator indicator = indicator(context);
			for (int i = 0; i < 5; i++) {
				assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			}
			server.verify(1, getRequestedFor(urlPathEqualTo(PROBE_PATH)));
		});
	}

	@Test
	void healthWithZeroCacheTimeChecksEveryTime() {
		server.stubFor(get(urlPathEqualTo(PROBE_PATH)).willReturn(error(410, "GoneException")));
		this.contextRunner.withPropertyValues("apigw.websocket.health.cache-ttl=0s").run((context) -> {
			HealthIndicator indicator = indicator(context);
			indicator.health();
			indicator.health();
			server.verify(2, getRequestedFor(urlPathEqualTo(PROBE_PATH)));
		});
	}

	private static HealthIndicator indicator(AssertableApplicationContext context) {
		return context.getBean(WebSocketHealthContributorAutoConfiguration.HEALTH_INDICATOR_BEAN_NAME,
				HealthIndicator.class);
	}

	private static ResponseDefinitionBuilder error(int status, String errorType) {
		return aResponse().withStatus(status)
			.withHeader("x-amzn-ErrorType", errorType)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"" + errorType + "\"}");
	}

}
