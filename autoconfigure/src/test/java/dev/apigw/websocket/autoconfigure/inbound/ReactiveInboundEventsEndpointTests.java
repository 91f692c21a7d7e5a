package dev.apigw.websocket.autoconfigure.inbound;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbound endpoint in a WebFlux application on Reactor Netty.
 */
@SpringBootTest(classes = InboundTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "apigw.websocket.enabled=false",
				"apigw.websocket.inbound.secret=" + InboundTestApplication.SECRET, "server.address=127.0.0.1",
				"spring.main.web-application-type=reactive" })
@DirtiesContext
class ReactiveInboundEventsEndpointTests extends AbstractInboundEventsEndpointTests {

	@Autowired
	private ApplicationContext context;

	@Test
	void servedByTheReactiveHandler() {
		assertThat(this.context.getBeansOfType(ReactiveInboundEventsHandler.class)).hasSize(1);
		assertThat(this.context.getBeansOfType(InboundEventsHandler.class)).isEmpty();
	}

}
