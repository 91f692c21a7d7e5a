package dev.apigw.websocket.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import dev.apigw.websocket.emulator.WebSocketApiEmulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InvalidWebSocketEndpointFailureAnalyzer} when the emulator is enabled
 * but missing from the classpath, as in an application that followed the Quick Start
 * without adding {@code apigw-websocket-emulator}.
 */
class InvalidWebSocketEndpointFailureAnalyzerTests {

	private final ApplicationContextRunner contextRunner = AutoConfigurationTestSupport.contextRunner()
		.withPropertyValues("apigw.websocket.emulator.enabled=true");

	@Test
	void emulatorEnabledButMissingNamesTheDependency() {
		FilteredClassLoader withoutEmulator = new FilteredClassLoader(WebSocketApiEmulator.class);
		this.contextRunner.withClassLoader(withoutEmulator).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context, withoutEmulator);
			assertThat(analysis.getDescription()).contains("'apigw.websocket.emulator.enabled' is true")
				.contains("not on the classpath");
			assertThat(analysis.getAction()).contains("dev.apigw:apigw-websocket-emulator")
				.contains("apigw.websocket.endpoint");
		});
	}

	@Test
	void emulatorOnTheClasspathButNoEndpointAsksForTheEndpoint() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context, getClass().getClassLoader());
			assertThat(analysis.getDescription()).contains("No API Gateway WebSocket endpoint is configured");
			assertThat(analysis.getAction()).startsWith("Set 'apigw.websocket.endpoint'");
		});
	}

	private static FailureAnalysis analyze(AssertableApplicationContext context, ClassLoader classLoader) {
		// a failed context has no environment to read: give the analyzer the same
		// property
		MockEnvironment environment = new MockEnvironment().withProperty("apigw.websocket.emulator.enabled", "true");
		return new InvalidWebSocketEndpointFailureAnalyzer(environment, classLoader)
			.analyze(context.getStartupFailure());
	}

}
