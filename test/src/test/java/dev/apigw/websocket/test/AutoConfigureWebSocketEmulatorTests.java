package dev.apigw.websocket.test;

import dev.apigw.websocket.ManagementEndpoint;
import dev.apigw.websocket.WebSocketConnectionTemplate;
import dev.apigw.websocket.emulator.WebSocketApiEmulator;
import dev.apigw.websocket.emulator.WebSocketTestClient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AutoConfigureWebSocketEmulator} in a {@code @SpringBootTest} of an application
 * configured for production: an API Gateway endpoint, the emulator switched off, and no
 * AWS region or credentials anywhere.
 */
class AutoConfigureWebSocketEmulatorTests {

	private static final String PRODUCTION_ENDPOINT = "https://abc123.execute-api.eu-west-1.amazonaws.com/prod";

	@Nested
	@SpringBootTest(classes = App.class,
			properties = { "apigw.websocket.endpoint=" + PRODUCTION_ENDPOINT,
					"apigw.websocket.emulator.enabled=false" })
	@AutoConfigureWebSocketEmulator
	class WithTheAnnotation {

		@Autowired
		private WebSocketConnectionTemplate template;

		@Autowired
		private WebSocketApiEmulator emulator;

		@Autowired
		private ManagementEndpoint endpoint;

		@Test
		void templateTalksToTheEmulatorWithoutAwsConfiguration() {
			assertThat(this.endpoint.uri()).isEqualTo(this.emulator.managementEndpoint());
			assertThat(this.emulator.host()).isEqualTo("127.0.0.1");
			try (WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
				this.template.send(client.connectionId(), "hello");
				this.template.sendJson(client.connectionId(), new Notice("build finished"));
				assertThat(client.awaitMessages(2)).containsExactly("hello", "{\"text\":\"build finished\"}");
			}
		}

	}

	@Nested
	// not a web application: its inbound endpoint would need a secret, which only the
	// annotation supplies
	@SpringBootTest(classes = App.class, properties = "apigw.websocket.endpoint=" + PRODUCTION_ENDPOINT,
			webEnvironment = SpringBootTest.WebEnvironment.NONE)
	class WithoutTheAnnotation {

		@Autowired
		private ApplicationContext context;

		@Autowired
		private ManagementEndpoint endpoint;

		@Test
		void templateKeepsTheConfiguredEndpoint() {
			assertThat(this.context.getBeanNamesForType(WebSocketApiEmulator.class)).isEmpty();
			assertThat(this.endpoint.uri()).hasToString(PRODUCTION_ENDPOINT);
		}

	}

	record Notice(String text) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
