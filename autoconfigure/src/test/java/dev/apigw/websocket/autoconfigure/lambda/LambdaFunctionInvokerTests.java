package dev.apigw.websocket.autoconfigure.lambda;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

import dev.apigw.websocket.emulator.WebSocketApiEmulator;
import dev.apigw.websocket.emulator.WebSocketTestClient;
import dev.apigw.websocket.event.WebSocketConnectEvent;
import dev.apigw.websocket.event.WebSocketDisconnectEvent;
import dev.apigw.websocket.event.WebSocketMessageEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The function driven as the Lambda Java runtime drives it: Spring Cloud Function's
 * {@link FunctionInvoker} reads AWS's event JSON and writes the response JSON, with the
 * auto-configuration and no {@code apigw.websocket.endpoint}, so replies go to the API
 * named by each event (here a real emulator on loopback).
 */
class LambdaFunctionInvokerTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static FunctionInvoker invoker;

	private static WebSocketApiEmulator emulator;

	@BeforeAll
	static void start() {
		LambdaFunctionApplication.INVOKER_PROPERTIES.forEach(System::setProperty);
		invoker = new FunctionInvoker();
		emulator = WebSocketApiEmulator.builder().host("127.0.0.1").port(0).stage("dev").start();
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
	void connectEventCarriesQueryHeadersAuthorizerAndRequestContextAndRegisters() {
		JsonNode response = invoke(LambdaEvents.fixture("connect", Map.of("CONNECTION_ID", "Conn1=")));
		assertThat(response.get("statusCode").asInt()).isEqualTo(200);
		WebSocketConnectEvent event = (WebSocketConnectEvent) LambdaFunctionApplication.events.get(0);
		assertThat(event.connectionId()).isEqualTo("Conn1=");
		assertThat(event.queryParameters()).containsEntry("room", java.util.List.of("lobby", "kitchen"));
		assertThat(event.queryParameter("token")).isEqualTo("TOKEN");
		assertThat(event.header("x-forwarded-for")).isEqualTo("203.0.113.7");
		assertThat(event.time()).isEqualTo(Instant.ofEpochMilli(1552988358425L));
		assertThat(event.context().eventType()).isEqualTo("CONNECT");
		assertThat(event.context().connectedAt()).isEqualTo(Instant.ofEpochMilli(1552988358417L));
		assertThat(event.context().domainName()).isEqualTo("abcdef1234.execute-api.eu-west-1.amazonaws.com");
		assertThat(event.context().stage()).isEqualTo("prod");
		assertThat(event.context().apiId()).isEqualTo("abcdef1234");
		assertThat(event.context().sourceIp()).isEqualTo("203.0.113.7");
		assertThat(event.context().authorizer()).containsEntry("principalId", "user-42").containsEntry("plan", "pro");
		assertThat(LambdaFunctionApplication.registry.contains("Conn1=")).isTrue();
	}

	@Test
	void refusedConnectAnswersTheListenersStatusAndLeavesNoRegistration() {
		JsonNode response = invoke(
				LambdaEvents.fixture("connect", Map.of("CONNECTION_ID", "Refused=", "\"TOKEN\"", "\"bad\"")));
		assertThat(response.get("statusCode").asInt()).isEqualTo(401);
		assertThat(response.get("body").asString()).isEqualTo("invalid token");
		assertThat(LambdaFunctionApplication.events).hasSize(1);
		assertThat(LambdaFunctionApplication.registry.contains("Refused=")).isFalse();
	}

	@Test
	void messageEventCarriesRouteMessageIdAndDecodedBase64Body() {
		String body = Base64.getEncoder().encodeToString(new byte[] { 0, 1, (byte) 0xff });
		JsonNode response = invoke(
				LambdaEvents.message("Msg=", "abcdef1234.execute-api.eu-west-1.amazonaws.com", "prod", body, true));
		assertThat(response.get("statusCode").asInt()).isEqualTo(200);
		WebSocketMessageEvent event = (WebSocketMessageEvent) LambdaFunctionApplication.events.get(0);
		assertThat(event.routeKey()).isEqualTo("sendmessage");
		assertThat(event.context().messageId()).isEqualTo("WyHP-eZ9BcwCG4A=");
		assertThat(event.context().base64Encoded()).isTrue();
		assertThat(event.bodyBytes()).containsExactly(0, 1, 0xff);
	}

	@Test
	void disconnectRemovesTheConnectionBeforeTheEvent() {
		invoke(LambdaEvents.fixture("connect", Map.of("CONNECTION_ID", "Bye=")));
		assertThat(LambdaFunctionApplication.registry.contains("Bye=")).isTrue();
		JsonNode response = invoke(LambdaEvents.fixture("disconnect", Map.of("CONNECTION_ID", "Bye=")));
		assertThat(response.get("statusCode").asInt()).isEqualTo(200);
		assertThat(LambdaFunctionApplication.events).last().isInstanceOf(WebSocketDisconnectEvent.class);
		assertThat(LambdaFunctionApplication.registry.contains("Bye=")).isFalse();
	}

	@Test
	void replyReachesTheClientOnTheApiNamedByTheEvent() {
		try (WebSocketTestClient client = WebSocketTestClient.connect(emulator)) {
			String domainName = "127.0.0.1:" + emulator.port();
			JsonNode response = invoke(
					LambdaEvents.message(client.connectionId(), domainName, emulator.stage(), "echo hi", false));
			assertThat(response.get("statusCode").asInt()).isEqualTo(200);
			assertThat(client.awaitMessages(1, Duration.ofSeconds(10))).containsExactly("echo: hi");
		}
	}

	@Test
	void badInputIsAnsweredWithTheStatusApiGatewayExpectsAndPublishesNothing() {
		assertThat(invoke("{\"body\":\"x\"}").get("statusCode").asInt()).isEqualTo(400);
		String unknownType = LambdaEvents.fixture("connect",
				Map.of("CONNECTION_ID", "Odd=", "\"CONNECT\"", "\"PING\""));
		assertThat(invoke(unknownType).get("statusCode").asInt()).isEqualTo(400);
		String large = "a".repeat(131_073);
		assertThat(invoke(
				LambdaEvents.message("Big=", "abcdef1234.execute-api.eu-west-1.amazonaws.com", "prod", large, false))
			.get("statusCode")
			.asInt()).isEqualTo(413);
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(LambdaFunctionApplication.events).isEmpty());
		assertThat(LambdaFunctionApplication.registry.contains("Odd=")).isFalse();
	}

	private static JsonNode invoke(String event) {
		return json.readTree(LambdaEvents.invoke(invoker, event));
	}

}
