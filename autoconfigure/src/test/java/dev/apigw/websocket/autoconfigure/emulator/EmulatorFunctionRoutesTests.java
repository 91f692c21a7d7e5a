package dev.apigw.websocket.autoconfigure.emulator;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import dev.apigw.websocket.WebSocketConnectionTemplate;
import dev.apigw.websocket.autoconfigure.AutoConfigurationTestSupport;
import dev.apigw.websocket.emulator.WebSocketApiEmulator;
import dev.apigw.websocket.emulator.WebSocketTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * {@code apigw.websocket.emulator.lambda.function}: the emulator's routes invoke a
 * function bean with API Gateway's Lambda event, driven by real WebSocket clients.
 */
class EmulatorFunctionRoutesTests {

	private final ApplicationContextRunner contextRunner = AutoConfigurationTestSupport.contextRunner()
		.withPropertyValues("apigw.websocket.emulator.enabled=true")
		.withConfiguration(AutoConfigurations.of(EmulatorAutoConfiguration.class))
		.withUserConfiguration(Functions.class);

	@Test
	void routesInvokeAMapFunctionWithRouteResponse() {
		this.contextRunner
			.withPropertyValues("apigw.websocket.emulator.lambda.function=chat",
					"apigw.websocket.emulator.lambda.route-response=true")
			.run((context) -> {
				WebSocketApiEmulator emulator = context.getBean(WebSocketApiEmulator.class);
				Functions functions = context.getBean(Functions.class);
				assertThat(emulator.routes().get("$default").hasRouteResponse()).isTrue();
				try (WebSocketTestClient client = WebSocketTestClient.connect(emulator)) {
					client.send("hi");
					assertThat(client.awaitMessages(1)).containsExactly("chat: hi");
					// the template of the same application reaches the client too
					context.getBean(WebSocketConnectionTemplate.class).send(client.connectionId(), "pushed");
					assertThat(client.awaitMessages(2)).containsExactly("chat: hi", "pushed");
				}
				await().until(() -> functions.eventTypes.contains("DISCONNECT"));
				assertThat(functions.eventTypes).containsExactly("CONNECT", "MESSAGE", "DISCONNECT");
			});
	}

	@Test
	void nonSuccessfulStatusOfTheFunctionRefusesTheConnect() {
		this.contextRunner.withPropertyValues("apigw.websocket.emulator.lambda.function=chat").run((context) -> {
			WebSocketApiEmulator emulator = context.getBean(WebSocketApiEmulator.class);
			URI denied = URI.create(emulator.webSocketUri() + "?deny=yes");
			assertThatIllegalStateException().isThrownBy(() -> WebSocketTestClient.connect(denied))
				.havingCause()
				.isInstanceOfSatisfying(WebSocketHandshakeException.class,
						(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(401));
		});
	}

	@Test
	void withoutRouteResponseTheAnswerIsDropped() {
		this.contextRunner.withPropertyValues("apigw.websocket.emulator.lambda.function=chat").run((context) -> {
			WebSocketApiEmulator emulator = context.getBean(WebSocketApiEmulator.class);
			Functions functions = context.getBean(Functions.class);
			try (WebSocketTestClient client = WebSocketTestClient.connect(emulator)) {
				client.send("hi");
				await().until(() -> functions.eventTypes.contains("MESSAGE"));
				await().during(Duration.ofMillis(300)).until(() -> client.messages().isEmpty());
			}
		});
	}

	@Test
	void typedFunctionGetsTheEventBoundToItsInputType() {
		this.contextRunner
			.withPropertyValues("apigw.websocket.emulator.lambda.function=typed",
					"apigw.websocket.emulator.lambda.route-response=true")
			.run((context) -> {
				try (WebSocketTestClient client = WebSocketTestClient
					.connect(context.getBean(WebSocketApiEmulator.class))) {
					client.send("hi");
					assertThat(client.awaitMessages(1))
						.containsExactly("MESSAGE $default " + client.connectionId() + " hi");
				}
			});
	}

	@Test
	void textFunctionGetsJsonAndItsJsonAnswerIsTheResponse() {
		this.contextRunner
			.withPropertyValues("apigw.websocket.emulator.lambda.function=text",
					"apigw.websocket.emulator.lambda.route-response=true")
			.run((context) -> {
				try (WebSocketTestClient client = WebSocketTestClient
					.connect(context.getBean(WebSocketApiEmulator.class))) {
					client.send("hi");
					assertThat(client.awaitMessages(1)).containsExactly("text message");
				}
			});
	}

	@Test
	void unknownBeanNameFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("apigw.websocket.emulator.lambda.function=missing")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("'apigw.websocket.emulator.lambda.function' is 'missing'"));
	}

	@Test
	void beanThatIsNotAFunctionFailsStartup() {
		this.contextRunner.withPropertyValues("apigw.websocket.emulator.lambda.function=notAFunction")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("not a java.util.function.Function"));
	}

	@Test
	void withoutThePropertyTheRoutesAreNotSet() {
		this.contextRunner.run((context) -> assertThat(context.getBean(WebSocketApiEmulator.class).routes()).isEmpty());
	}

	@Configuration(proxyBeanMethods = false)
	static class Functions {

		final List<String> eventTypes = new CopyOnWriteArrayList<>();

		@Bean
		@SuppressWarnings("unchecked")
		Function<Map<String, Object>, Map<String, Object>> chat() {
			return (event) -> {
				Map<String, Object> context = (Map<String, Object>) event.get("requestContext");
				this.eventTypes.add((String) context.get("eventType"));
				Object query = event.get("queryStringParameters");
				if (query instanceof Map<?, ?> parameters && parameters.containsKey("deny")) {
					return Map.of("statusCode", 401);
				}
				return Map.of("statusCode", 200, "body", "chat: " + event.getOrDefault("body", ""));
			};
		}

		@Bean
		Function<WebSocketEvent, Map<String, Object>> typed() {
			return (event) -> Map.of("statusCode", 200, "body",
					event.requestContext().eventType() + " " + event.requestContext().routeKey() + " "
							+ event.requestContext().connectionId() + " " + event.body());
		}

		@Bean
		Function<String, String> text() {
			return (json) -> "{\"statusCode\":200,\"body\":\"text "
					+ (json.contains("\"eventType\":\"MESSAGE\"") ? "message" : "other") + "\"}";
		}

		@Bean
		String notAFunction() {
			return "text";
		}

	}

	/**
	 * The part of API Gateway's event a function reads; the rest is ignored.
	 */
	record WebSocketEvent(RequestContext requestContext, String body, boolean isBase64Encoded) {

	}

	record RequestContext(String eventType, String routeKey, String connectionId) {

	}

}
