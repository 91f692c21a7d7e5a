package dev.apigw.websocket.autoconfigure.inbound;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

import dev.apigw.websocket.inbound.InboundEventsHandler;
import dev.apigw.websocket.inbound.ReactiveInboundEventsHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbound endpoint in a WebFlux application on Reactor Netty.
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class ReactiveInboundEventsEndpointTests extends AbstractInboundEventsEndpointTests {

	@Autowired
	private ApplicationContext context;

	@Test
	void servedByTheReactiveHandler() {
		assertThat(this.context.getBeansOfType(ReactiveInboundEventsHandler.class)).hasSize(1);
		assertThat(this.context.getBeansOfType(InboundEventsHandler.class)).isEmpty();
	}

}
