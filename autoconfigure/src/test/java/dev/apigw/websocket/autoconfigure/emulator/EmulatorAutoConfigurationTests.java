package dev.apigw.websocket.autoconfigure.emulator;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.apigw.websocket.ManagementEndpoint;
import dev.apigw.websocket.WebSocketConnectionTemplate;
import dev.apigw.websocket.autoconfigure.AutoConfigurationTestSupport;
import dev.apigw.websocket.autoconfigure.WebSocketApiConnectionDetails;
import dev.apigw.websocket.emulator.RouteIntegration;
import dev.apigw.websocket.emulator.RouteResponse;
import dev.apigw.websocket.emulator.WebSocketApiEmulator;
import dev.apigw.websocket.emulator.WebSocketTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions and wiring of {@link EmulatorAutoConfiguration}.
 */
class EmulatorAutoConfigurationTests {

	private static final String AWS_ENDPOINT = "https://abc123.execute-api.eu-west-1.amazonaws.com/prod";

	private final ApplicationContextRunner contextRunner = AutoConfigurationTestSupport.contextRunner()
		.withPropertyValues("apigw.websocket.endpoint=" + AWS_ENDPOINT)
		.withConfiguration(AutoConfigurations.of(EmulatorAutoConfiguration.class));

	@Test
	void absentUnlessEnabled() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(WebSocketApiEmulator.class);
			assertThat(context.getBean(WebSocketApiConnectionDetails.class).getEndpoint())
				.isEqualTo(URI.create(AWS_ENDPOINT));
		});
	}

	@Test
	void absentWithoutTheEmulatorOnTheClasspath() {
		this.contextRunner.withPropertyValues("apigw.websocket.emulator.enabled=true")
			.withClassLoader(new FilteredClassLoader(WebSocketApiEmulator.class))
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(WebSocketApiEmulator.class);
				assertThat(context.getBean(WebSocketApiConnectionDetails.class).getEndpoint())
					.isEqualTo(URI.create(AWS_ENDPOINT));
			});
	}

	@Test
	void whenEnabledPointsTheTemplateAtARunningEmulatorWithDummyCredentials() {
		this.contextRunner.withPropertyValues("apigw.websocket.emulator.enabled=true").run((context) -> {
			WebSocketApiEmulator emulator = context.getBean(WebSocketApiEmulator.class);
			assertThat(emulator.isRunning()).isTrue();
			assertThat(emulator.stage()).isEqualTo("local");
			WebSocketApiConnectionDetails details = context.getBean(WebSocketApiConnectionDetails.class);
			assertThat(details).isInstanceOf(EmulatorConnectionDetails.class);
			assertThat(details.getEndpoint()).isEqualTo(emulator.managementEndpoint());
			assertThat(details.getRegion()).isEqualTo(Region.US_EAST_1);
			assertThat(details.getCredentialsProvider().resolveCredentials().accessKeyId()).isEqualTo("emulator");
			assertThat(context.getBean(ManagementEndpoint.class).region()).isEqualTo("us-east-1");
			assertThat(context).hasSingleBean(WebSocketConnectionTemplate.class);
		});
	}

	@Test
	void usesTheConfiguredStage() {
		this.contextRunner
			.withPropertyValues("apigw.websocket.emulator.enabled=true", "apigw.websocket.emulator.stage=test")
			.run((context) -> assertThat(context.getBean(WebSocketApiEmulator.class).webSocketUri().getPath())
				.isEqualTo("/test"));
	}

	@Test
	void integrationTimeoutAnswersASlowRouteAsFailed() {
		CountDownLatch release = new CountDownLatch(1);
		this.contextRunner
			.withPropertyValues("apigw.websocket.emulator.enabled=true",
					"apigw.websocket.emulator.integration.timeout=300ms")
			.run((context) -> {
				WebSocketApiEmulator emulator = context.getBean(WebSocketApiEmulator.class);
				// answers after 20 s unless released: the 29 s default would let it
				emulator.route("$default", RouteIntegration.handler((request) -> {
					release.await(20, TimeUnit.SECONDS);
					return RouteResponse.ok("too late");
				}).withRouteResponse());
				try (WebSocketTestClient client = WebSocketTestClient.connect(emulator)) {
					client.send("slow");
					assertThat(client.awaitMessages(1, Duration.ofSeconds(10)).get(0))
						.startsWith("{\"message\":\"Internal server error\"");
				}
				finally {
					release.countDown();
				}
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "integration.timeout", "lambda.timeout" })
	void nonPositiveTimeoutFailsStartupNamingTheProperty(String property) {
		this.contextRunner
			.withPropertyValues("apigw.websocket.emulator.enabled=true", "apigw.websocket.emulator." + property + "=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'apigw.websocket.emulator." + property + "' must be positive"));
	}

	@Test
	void closesTheEmulatorWithTheContext() {
		WebSocketApiEmulator[] started = new WebSocketApiEmulator[1];
		this.contextRunner.withPropertyValues("apigw.websocket.emulator.enabled=true")
			.run((context) -> started[0] = context.getBean(WebSocketApiEmulator.class));
		assertThat(started[0].isRunning()).isFalse();
	}

}
