package dev.apigw.websocket.autoconfigure.inbound;

import dev.apigw.websocket.registry.InMemoryConnectionRegistry;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An application with the inbound endpoint, a connection registry and an
 * {@link InboundEventsRecorder}, but no management client.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class InboundTestApplication {

	static final String SECRET = "s3cret-shared-with-api-gateway";

	@Bean
	InboundEventsRecorder inboundEventsRecorder() {
		return new InboundEventsRecorder();
	}

	@Bean
	InMemoryConnectionRegistry connectionRegistry() {
		return new InMemoryConnectionRegistry();
	}

}
