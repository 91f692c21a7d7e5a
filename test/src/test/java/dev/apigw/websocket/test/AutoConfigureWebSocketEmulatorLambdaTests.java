package dev.apigw.websocket.test;

import java.util.Map;
import java.util.function.Function;

import dev.apigw.websocket.WebSocketConnectionTemplate;
import dev.apigw.websocket.emulator.WebSocketApiEmulator;
import dev.apigw.websocket.emulator.WebSocketTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AutoConfigureWebSocketEmulator#lambdaFunction()}: a function bean serves the
 * emulator's routes as it would on AWS Lambda, even in a web application whose inbound
 * endpoint would otherwise take them, and the application's template reaches the same
 * clients.
 */
@SpringBootTest(classes = AutoConfigureWebSocketEmulatorLambdaTests.App.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebSocketEmulator(lambdaFunction = "echo", lambdaRouteResponse = true)
class AutoConfigureWebSocketEmulatorLambdaTests {

	@Autowired
	private WebSocketApiEmulator emulator;

	@Autowired
	private WebSocketConnectionTemplate template;

	@Test
	void functionAnswersTheClientAndTheTemplatePushesToIt() {
		assertThat(this.emulator.routes().get("$default").isLambda()).isTrue();
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("hello");
			assertThat(client.awaitMessages(1)).containsExactly("echo: hello");
			this.template.send(client.connectionId(), "pushed");
			assertThat(client.awaitMessages(2)).containsExactly("echo: hello", "pushed");
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		Function<Map<String, Object>, Map<String, Object>> echo() {
			return (event) -> Map.of("statusCode", 200, "body", "echo: " + event.getOrDefault("body", ""));
		}

	}

}
