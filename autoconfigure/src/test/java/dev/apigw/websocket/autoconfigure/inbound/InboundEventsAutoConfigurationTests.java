package dev.apigw.websocket.autoconfigure.inbound;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.servlet.function.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions of {@link InboundEventsAutoConfiguration}.
 */
class InboundEventsAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(InboundEventsAutoConfiguration.class));

	private final ReactiveWebApplicationContextRunner reactiveContextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(InboundEventsAutoConfiguration.class));

	@Test
	void servletWebApplicationGetsTheEndpoint() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(InboundEventsHandler.class)
			.hasSingleBean(InboundEventPublisher.class)
			.hasBean(InboundEventsAutoConfiguration.ROUTER_FUNCTION_BEAN_NAME));
	}

	@Test
	void reactiveWebApplicationGetsTheReactiveEndpoint() {
		this.reactiveContextRunner
			.run((context) -> assertThat(context).hasSingleBean(ReactiveInboundEventsHandler.class)
				.doesNotHaveBean(InboundEventsHandler.class)
				.hasBean(InboundEventsAutoConfiguration.ROUTER_FUNCTION_BEAN_NAME));
	}

	@Test
	void withoutWebFluxAReactiveApplicationGetsNoEndpoint() {
		this.reactiveContextRunner
			.withClassLoader(new FilteredClassLoader(org.springframework.web.reactive.function.server.RouterFunction.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ReactiveInboundEventsHandler.class)
				.doesNotHaveBean(InboundEventsAutoConfiguration.ROUTER_FUNCTION_BEAN_NAME));
	}

	@Test
	void nonWebApplicationGetsNoEndpoint() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(InboundEventsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(InboundEventsHandler.class));
	}

	@Test
	void withoutSpringMvcThereIsNoEndpoint() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RouterFunction.class))
			.run((context) -> assertThat(context).doesNotHaveBean(InboundEventsHandler.class));
	}

	@Test
	void canBeSwitchedOff() {
		this.contextRunner.withPropertyValues("apigw.websocket.inbound.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(InboundEventsHandler.class)
				.doesNotHaveBean(InboundEventsAutoConfiguration.ROUTER_FUNCTION_BEAN_NAME));
	}

	@Test
	void relativePathFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("apigw.websocket.inbound.path=apigw")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("'apigw.websocket.inbound.path' must start with '/'"));
	}

	@Test
	void userHandlerBacksOff() {
		InboundEventsHandler own = new InboundEventsHandler(new InboundEventPublisher((event) -> {
		}, null), null);
		this.contextRunner.withBean(InboundEventsHandler.class, () -> own)
			.run((context) -> assertThat(context.getBean(InboundEventsHandler.class)).isSameAs(own));
	}

}
