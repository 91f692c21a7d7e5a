package dev.apigw.websocket.autoconfigure.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

import dev.apigw.websocket.emulator.RouteIntegration;
import dev.apigw.websocket.emulator.WebSocketApiEmulator;
import dev.apigw.websocket.emulator.WebSocketTestClient;
import dev.apigw.websocket.event.WebSocketConnectEvent;
import dev.apigw.websocket.event.WebSocketDisconnectEvent;
import dev.apigw.websocket.event.WebSocketMessageEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * End to end through the emulator's Lambda integration: real WebSocket clients connect to
 * the emulator, whose routes invoke the function as the Lambda Java runtime does (the
 * event's JSON into Spring Cloud Function's {@link FunctionInvoker}, the response JSON
 * back), with no {@code apigw.websocket.endpoint}: replies go to the API named by each
 * event, the emulator's {@code 127.0.0.1:{port}} over plain HTTP.
 */
class LambdaEmulatorEndToEndTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static FunctionInvoker invoker;

	private static WebSocketApiEmulator emulator;

	@BeforeAll
	static void start() {
		LambdaFunctionApplication.INVOKER_PROPERTIES.forEach(System::setProperty);
		invoker = new FunctionInvoker();
		RouteIntegration function = RouteIntegration.lambda(LambdaEmulatorEndToEndTests::invoke);
		emulator = WebSocketApiEmulator.builder()
			.host("127.0.0.1")
			.port(0)
			.stage("dev")
			.route("$connect", function)
			.route("$disconnect", function)
			.route("$default", function.withRouteResponse())
			.start();
	}

	@AfterAll
	static void stop() {
		LambdaFunctionApplication.INVOKER_PROPERTIES.keySet().forEach(System::clearProperty);
		emulator.close();
	}

	@BeforeEach
	void clear() {
		LambdaFunctionApplication.events.clear();
	}

	@Test
	void connectIsAcceptedAndRegistered() {
		URI uri = URI.create(emulator.webSocketUri() + "?token=ok");
		try (WebSocketTestClient client = WebSocketTestClient.connect(uri)) {
			assertThat(client.isOpen()).isTrue();
			assertThat(eventsOf("token=ok")).singleElement()
				.isInstanceOfSatisfying(WebSocketConnectEvent.class, (event) -> {
					assertThat(emulator.connection(event.connectionId())).isPresent();
					assertThat(LambdaFunctionApplication.registry.contains(event.connectionId())).isTrue();
					assertThat(event.queryParameter("token")).isEqualTo("ok");
					assertThat(event.context().domainName()).isEqualTo("127.0.0.1:" + emulator.port());
					assertThat(event.context().stage()).isEqualTo("dev");
				});
		}
	}

	@Test
	void connectRefusedByAListenerRefusesTheUpgradeAndRegistersNothing() {
		URI refused = URI.create(emulator.webSocketUri() + "?token=bad");
		assertThatIllegalStateException().isThrownBy(() -> WebSocketTestClient.connect(refused))
			.havingCause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(401));
		assertThat(eventsOf("token=bad")).singleElement()
			.isInstanceOfSatisfying(WebSocketConnectEvent.class, (event) -> {
				assertThat(LambdaFunctionApplication.registry.contains(event.connectionId())).isFalse();
				assertThat(emulator.connection(event.connectionId())).isEmpty();
			});
	}

	@Test
	void replyReachesTheClientThroughTheManagementApiOfTheEventsApi() {
		try (WebSocketTestClient client = WebSocketTestClient.connect(emulator)) {
			client.send("echo hello");
			assertThat(client.awaitMessages(1, Duration.ofSeconds(10))).containsExactly("echo: hello");
			// the emulator received the reply as a management call, not as a route
			// response
			assertThat(emulator.connection(client.connectionId()).orElseThrow().sentMessages()).hasSize(1);
		}
	}

	@Test
	void routeResponseGivenByAListenerReachesTheClient() {
		try (WebSocketTestClient client = WebSocketTestClient.connect(emulator)) {
			client.send("ask the time");
			assertThat(client.awaitMessages(1, Duration.ofSeconds(10))).containsExactly("answer: the time");
			assertThat(eventsOf(client.connectionId())).last()
				.isInstanceOfSatisfying(WebSocketMessageEvent.class,
						(event) -> assertThat(event.routeResponse().body()).isEqualTo("answer: the time"));
			// a message without a route response: the client receives nothing more
			client.send("just saying");
			await().until(() -> eventsOf(client.connectionId()).size() == 3);
			await().during(Duration.ofMillis(300))
				.atMost(Duration.ofSeconds(2))
				.until(() -> client.messages().size() == 1);
		}
	}

	@Test
	void disconnectRemovesTheConnectionBeforeTheEvent() {
		WebSocketTestClient client = WebSocketTestClient.connect(emulator);
		String connectionId = client.connectionId();
		assertThat(LambdaFunctionApplication.registry.contains(connectionId)).isTrue();
		client.close(4001, "bye");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> eventsOf(connectionId).stream().anyMatch(WebSocketDisconnectEvent.class::isInstance));
		assertThat(LambdaFunctionApplication.registry.contains(connectionId)).isFalse();
		assertThat(eventsOf(connectionId)).hasSize(2).last().isInstanceOf(WebSocketDisconnectEvent.class);
	}

	/**
	 * The events of one connection (earlier tests' disconnects may arrive late), told by
	 * its id or by a query parameter of its connect.
	 */
	private static List<Object> eventsOf(String connection) {
		return LambdaFunctionApplication.events.stream().filter((event) -> {
			if (event instanceof WebSocketConnectEvent connect) {
				return connect.connectionId().equals(connection)
						|| connection.equals("token=" + connect.queryParameter("token"));
			}
			if (event instanceof WebSocketMessageEvent message) {
				return message.connectionId().equals(connection);
			}
			return event instanceof WebSocketDisconnectEvent disconnect && disconnect.connectionId().equals(connection);
		}).toList();
	}

	/**
	 * What the Lambda Java runtime does: the event's JSON into the handler's stream, the
	 * response JSON out of it.
	 */
	private static Object invoke(Map<String, Object> event) throws Exception {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		invoker.handleRequest(new ByteArrayInputStream(json.writeValueAsBytes(event)), output, null);
		return json.readValue(output.toByteArray(), new TypeReference<Map<String, Object>>() {
		});
	}

}
