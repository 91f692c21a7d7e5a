package dev.apigw.websocket.autoconfigure.inbound;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.function.RouterFunction;

import dev.apigw.websocket.event.WebSocketConnectEvent;
import dev.apigw.websocket.inbound.InboundEventPublisher;
import dev.apigw.websocket.inbound.InboundEventsHandler;
import dev.apigw.websocket.inbound.ReactiveInboundEventsHandler;
import dev.apigw.websocket.registry.ConnectionLifecycle;
import dev.apigw.websocket.registry.InMemoryConnectionRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Conditions of {@link InboundEventsAutoConfiguration}, and the rules that keep the
 * endpoint from starting open to anyone.
 */
@ExtendWith(OutputCaptureExtension.class)
class InboundEventsAutoConfigurationTests {

	private static final String SECRET = "apigw.websocket.inbound.secret=" + InboundTestApplication.SECRET;

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(InboundEventsAutoConfiguration.class));

	private final ReactiveWebApplicationContextRunner reactiveContextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(InboundEventsAutoConfiguration.class));

	@Test
	void servletWebApplicationGetsTheEndpoint() {
		this.contextRunner.withPropertyValues(SECRET)
			.run((context) -> assertThat(context).hasSingleBean(InboundEventsHandler.class)
				.hasSingleBean(InboundEventPublisher.class)
				.hasBean(InboundEventsAutoConfiguration.ROUTER_FUNCTION_BEAN_NAME));
	}

	@Test
	void reactiveWebApplicationGetsTheReactiveEndpoint() {
		this.reactiveContextRunner.withPropertyValues(SECRET)
			.run((context) -> assertThat(context).hasSingleBean(ReactiveInboundEventsHandler.class)
				.doesNotHaveBean(InboundEventsHandler.class)
				.hasBean(InboundEventsAutoConfiguration.ROUTER_FUNCTION_BEAN_NAME));
	}

	@Test
	void withoutWebFluxAReactiveApplicationGetsNoEndpoint() {
		this.reactiveContextRunner
			.withClassLoader(
					new FilteredClassLoader(org.springframework.web.reactive.function.server.RouterFunction.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ReactiveInboundEventsHandler.class)
				.doesNotHaveBean(InboundEventsAutoConfiguration.ROUTER_FUNCTION_BEAN_NAME));
	}

	@Test
	void nonWebApplicationGetsNoEndpoint() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(InboundEventsAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(InboundEventsHandler.class));
	}

	@Test
	void withoutSpringMvcThereIsNoEndpoint() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RouterFunction.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(InboundEventsHandler.class));
	}

	@Test
	void withoutTheInboundModuleThereIsNoEndpointAndNoSecretIsNeeded() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(InboundEventPublisher.class))
			.withPropertyValues("server.address=0.0.0.0")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(InboundEventPublisher.class)
				.doesNotHaveBean(InboundEventsAutoConfiguration.ROUTER_FUNCTION_BEAN_NAME));
	}

	@Test
	void applicationRegistryIsKeptInStepWithoutTheManagementClient() {
		this.contextRunner.withPropertyValues(SECRET)
			.withBean(InMemoryConnectionRegistry.class, InMemoryConnectionRegistry::new)
			.run((context) -> {
				InboundEventPublisher publisher = context.getBean(InboundEventPublisher.class);
				publisher.connect(new WebSocketConnectEvent("Abc=", Map.of(), Map.of(), Instant.now()));
				assertThat(context.getBean(InMemoryConnectionRegistry.class).contains("Abc=")).isTrue();
				assertThat(context).hasSingleBean(ConnectionLifecycle.class);
			});
	}

	@Test
	void withoutARegistryEventsArePublishedAlone() {
		this.contextRunner.withPropertyValues(SECRET)
			.run((context) -> assertThat(context).hasSingleBean(InboundEventPublisher.class)
				.doesNotHaveBean(ConnectionLifecycle.class));
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void canBeSwitchedOffAndThenNeedsNoSecret(WebStack stack) {
		run(stack,
				(context) -> assertThat(context).hasNotFailed()
					.doesNotHaveBean(InboundEventsHandler.class)
					.doesNotHaveBean(ReactiveInboundEventsHandler.class)
					.doesNotHaveBean(InboundEventsAutoConfiguration.ROUTER_FUNCTION_BEAN_NAME),
				"apigw.websocket.inbound.enabled=false", "server.address=0.0.0.0");
	}

	@Test
	void relativePathFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues(SECRET, "apigw.websocket.inbound.path=apigw")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("'apigw.websocket.inbound.path' must start with '/'"));
	}

	@Test
	void userHandlerBacksOff() {
		InboundEventsHandler own = new InboundEventsHandler(new InboundEventPublisher((event) -> {
		}, null), null, DataSize.ofKilobytes(136));
		this.contextRunner.withBean(InboundEventsHandler.class, () -> own)
			.run((context) -> assertThat(context.getBean(InboundEventsHandler.class)).isSameAs(own));
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void withoutSecretOnAllInterfacesFailsNamingTheSecretAndTheWaysOut(WebStack stack) {
		run(stack,
				(context) -> assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("'apigw.websocket.inbound.secret' is not set")
					.hasMessageContaining("all interfaces"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0.0.0.0", "::", "192.0.2.10" })
	void withoutSecretOnANonLoopbackAddressFailsOnBothStacks(String address) {
		for (WebStack stack : WebStack.values()) {
			run(stack,
					(context) -> assertThat(context).getFailure()
						.rootCause()
						.hasMessageContaining("'apigw.websocket.inbound.secret' is not set")
						.hasMessageContaining(address),
					"server.address=" + address);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "127.0.0.2", "::1", "localhost" })
	void withoutSecretOnLoopbackStartsOnBothStacks(String address) {
		for (WebStack stack : WebStack.values()) {
			run(stack,
					(context) -> assertThat(context).hasNotFailed()
						.hasBean(InboundEventsAutoConfiguration.ROUTER_FUNCTION_BEAN_NAME),
					"server.address=" + address);
		}
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void withoutSecretStartsWhenUnauthenticatedRequestsAreAllowedAndWarns(WebStack stack, CapturedOutput output) {
		run(stack,
				(context) -> assertThat(context).hasNotFailed()
					.hasBean(InboundEventsAutoConfiguration.ROUTER_FUNCTION_BEAN_NAME),
				"apigw.websocket.inbound.allow-unauthenticated=true", "server.address=0.0.0.0");
		assertThat(output).containsPattern("WARN .*apigw.websocket.inbound.allow-unauthenticated=true");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void withSecretStartsOnAllInterfaces(WebStack stack) {
		run(stack,
				(context) -> assertThat(context).hasNotFailed()
					.hasBean(InboundEventsAutoConfiguration.ROUTER_FUNCTION_BEAN_NAME),
				SECRET, "server.address=0.0.0.0");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void emulatorDoesNotOpenTheEndpoint(WebStack stack) {
		// the emulator sends the secret when there is one; being on says nothing about
		// who else can call
		run(stack,
				(context) -> assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("'apigw.websocket.inbound.secret' is not set"),
				"apigw.websocket.emulator.enabled=true");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "\t" })
	void blankSecretFailsEvenOnLoopbackAndWithTheOptOut(String secret) {
		for (WebStack stack : WebStack.values()) {
			run(stack,
					(context) -> assertThat(context).getFailure()
						.rootCause()
						.hasMessageContaining("'apigw.websocket.inbound.secret' is blank"),
					"apigw.websocket.inbound.secret=" + secret, "server.address=127.0.0.1",
					"apigw.websocket.inbound.allow-unauthenticated=true");
		}
	}

	@Test
	void secretShorterThanSixteenCharactersFailsWithoutPrintingIt() {
		for (WebStack stack : WebStack.values()) {
			run(stack,
					(context) -> assertThat(context).getFailure()
						.rootCause()
						.hasMessageContaining("'apigw.websocket.inbound.secret' is 15 characters long")
						.hasMessageContaining("at least 16")
						.hasMessageNotContaining("fifteen-chars!!"),
					"apigw.websocket.inbound.secret=fifteen-chars!!", "server.address=127.0.0.1");
		}
	}

	@Test
	void secretOfSixteenCharactersStarts() {
		for (WebStack stack : WebStack.values()) {
			run(stack, (context) -> assertThat(context).hasNotFailed(),
					"apigw.websocket.inbound.secret=sixteen-chars!!!", "server.address=0.0.0.0");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "${CHAT_INBOUND_SECRET}", "prefix-${CHAT_INBOUND_SECRET}-suffix" })
	void secretWithAnUnresolvedPlaceholderFailsNamingIt(String secret) {
		for (WebStack stack : WebStack.values()) {
			run(stack,
					(context) -> assertThat(context).getFailure()
						.rootCause()
						.hasMessageContaining("'apigw.websocket.inbound.secret' contains the unresolved placeholder "
								+ "'${CHAT_INBOUND_SECRET}'"),
					"apigw.websocket.inbound.secret=" + secret, "server.address=127.0.0.1");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-1B" })
	void maxBodySizeMustBePositive(String size) {
		for (WebStack stack : WebStack.values()) {
			run(stack,
					(context) -> assertThat(context).getFailure()
						.rootCause()
						.hasMessageContaining("'apigw.websocket.inbound.max-body-size' must be positive"),
					SECRET, "apigw.websocket.inbound.max-body-size=" + size);
		}
	}

	@Test
	void blankSecretHeaderFailsNamingIt() {
		this.contextRunner.withPropertyValues(SECRET, "apigw.websocket.inbound.secret-header= ")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("'apigw.websocket.inbound.secret-header' is blank"));
	}

	@Test
	void missingSecretAnalysisNamesEveryWayOut() {
		this.contextRunner.withPropertyValues("server.address=0.0.0.0").run((context) -> {
			FailureAnalysis analysis = new InboundSecretFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).startsWith(
					"The API Gateway inbound endpoint is not secured: 'apigw.websocket.inbound.secret' is not set");
			assertThat(analysis.getAction()).contains("Set 'apigw.websocket.inbound.secret' to a random value",
					"integration.request.header.X-Apigw-Secret = 'the-secret'", "'server.address=127.0.0.1'",
					"'apigw.websocket.inbound.allow-unauthenticated=true'", "'apigw.websocket.inbound.enabled=false'");
		});
	}

	@Test
	void unresolvedPlaceholderAnalysisNamesWhatToDefine() {
		this.contextRunner.withPropertyValues("apigw.websocket.inbound.secret=${CHAT_INBOUND_SECRET}")
			.run((context) -> {
				FailureAnalysis analysis = new InboundSecretFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getAction())
					.startsWith("Set the environment variable or property 'CHAT_INBOUND_SECRET'");
			});
	}

	@Test
	void startupFailureIsReportedWithTheActionToTake(CapturedOutput output) {
		SpringApplication application = new SpringApplication(InboundTestApplication.class);
		application.setWebApplicationType(WebApplicationType.SERVLET);
		application.setDefaultProperties(Map.of("apigw.websocket.enabled", "false", "apigw.websocket.inbound.secret",
				"short", "server.address", "127.0.0.1", "server.port", "0"));
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START",
				"The API Gateway inbound endpoint is not secured: 'apigw.websocket.inbound.secret' is 5 characters",
				"Set 'apigw.websocket.inbound.secret' to a random value of at least 16 characters");
	}

	private void run(WebStack stack, ContextConsumer<ApplicationContextAssertProvider<?>> consumer,
			String... properties) {
		switch (stack) {
			case SERVLET -> this.contextRunner.withPropertyValues(properties).run(consumer::accept);
			case REACTIVE -> this.reactiveContextRunner.withPropertyValues(properties).run(consumer::accept);
		}
	}

	enum WebStack {

		SERVLET, REACTIVE

	}

}
