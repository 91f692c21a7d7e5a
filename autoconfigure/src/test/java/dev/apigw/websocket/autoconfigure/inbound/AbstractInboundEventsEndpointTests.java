package dev.apigw.websocket.autoconfigure.inbound;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.apigw.websocket.event.WebSocketConnectEvent;
import dev.apigw.websocket.event.WebSocketDisconnectEvent;
import dev.apigw.websocket.event.WebSocketMessageEvent;
import dev.apigw.websocket.registry.ConnectionRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbound endpoint over real HTTP, called the way API Gateway's HTTP integrations call
 * it; run against Spring MVC and WebFlux (each subclass sets
 * {@code spring.main.web-application-type}).
 */
@SpringBootTest(classes = InboundTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "apigw.websocket.enabled=false",
				"apigw.websocket.inbound.secret=" + InboundTestApplication.SECRET, "server.address=127.0.0.1" })
@DirtiesContext
abstract class AbstractInboundEventsEndpointTests {

	static final String SECRET = InboundTestApplication.SECRET;

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private InboundEventsRecorder recorder;

	@Autowired
	private ConnectionRegistry registry;

	@Test
	void connectPublishesEventWithQueryAndHeadersThenRegisters() throws Exception {
		Map<String, String> headers = integrationHeaders("Abc=", "$connect", "CONNECT");
		headers.put("requestTimeEpoch", "1700000000000");
		headers.put("Authorization", "Bearer token-1");
		HttpResponse<String> response = post("?user=ann%20lee&room=a&room=b", headers, "");
		assertThat(response.statusCode()).isEqualTo(200);
		WebSocketConnectEvent event = single(WebSocketConnectEvent.class, "Abc=");
		assertThat(event.queryParameter("user")).isEqualTo("ann lee");
		assertThat(event.queryParameters()).containsEntry("room", List.of("a", "b"));
		assertThat(event.header("authorization")).isEqualTo("Bearer token-1");
		assertThat(event.header("X-Apigw-Secret")).as("the secret is not handed to listeners").isNull();
		assertThat(event.time()).isEqualTo(Instant.ofEpochMilli(1700000000000L));
		assertThat(this.registry.contains("Abc=")).isTrue();
	}

	@Test
	void connectRejectedByListenerAnswersItsStatusAndDoesNotRegister() throws Exception {
		HttpResponse<String> response = post("?token=" + InboundEventsRecorder.REJECTED_TOKEN,
				integrationHeaders("Rej=", "$connect", "CONNECT"), "");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEqualTo("invalid token");
		assertThat(this.registry.contains("Rej=")).isFalse();
	}

	@Test
	void connectRejectedByListenerUndoesRegistrationOfAnEarlierListener() throws Exception {
		this.registry.register("Undo=", Map.of("user", "mallory"));
		HttpResponse<String> response = post("?token=" + InboundEventsRecorder.REJECTED_TOKEN,
				integrationHeaders("Undo=", "$connect", "CONNECT"), "");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(this.registry.contains("Undo=")).isFalse();
	}

	@Test
	void connectListenerFailureFailsClosed() throws Exception {
		HttpResponse<String> response = post("?token=" + InboundEventsRecorder.FAILING_TOKEN,
				integrationHeaders("Bug=", "$connect", "CONNECT"), "");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(this.registry.contains("Bug=")).isFalse();
	}

	@Test
	void connectKeepsRegistrationMadeByListener() throws Exception {
		this.registry.register("Pre=", Map.of("user", "ann"));
		assertThat(post("", integrationHeaders("Pre=", "$connect", "CONNECT"), "").statusCode()).isEqualTo(200);
		assertThat(this.registry.attributes("Pre=")).contains(Map.of("user", "ann"));
	}

	@Test
	void messagePublishesRouteKeyAndUtf8Body() throws Exception {
		String body = "{\"action\":\"sendmessage\",\"text\":\"gr\u00fc\u00df dich \u2603\"}";
		HttpResponse<String> response = post("", integrationHeaders("Msg=", "sendmessage", "MESSAGE"), body);
		assertThat(response.statusCode()).isEqualTo(200);
		WebSocketMessageEvent event = single(WebSocketMessageEvent.class, "Msg=");
		assertThat(event.routeKey()).isEqualTo("sendmessage");
		assertThat(event.body()).isEqualTo(body);
	}

	@Test
	void disconnectRemovesRegistrationThenPublishesWithItsAttributes() throws Exception {
		this.registry.register("Bye=", Map.of("user", "bob"));
		Map<String, String> headers = integrationHeaders("Bye=", "$disconnect", "DISCONNECT");
		headers.put("disconnectStatusCode", "1001");
		headers.put("disconnectReason", "Going away");
		assertThat(post("", headers, "").statusCode()).isEqualTo(200);
		WebSocketDisconnectEvent event = single(WebSocketDisconnectEvent.class, "Bye=");
		assertThat(event.statusCode()).isEqualTo(1001);
		assertThat(event.reason()).isEqualTo("Going away");
		assertThat(event.attributes()).containsEntry("user", "bob");
		assertThat(this.registry.contains("Bye=")).isFalse();
	}

	@Test
	void disconnectWithoutStatusUsesNoStatusCode() throws Exception {
		assertThat(post("", integrationHeaders("Nos=", "$disconnect", "DISCONNECT"), "").statusCode()).isEqualTo(200);
		WebSocketDisconnectEvent event = single(WebSocketDisconnectEvent.class, "Nos=");
		assertThat(event.statusCode()).isEqualTo(WebSocketDisconnectEvent.NO_STATUS_CODE);
		assertThat(event.reason()).isNull();
		assertThat(event.attributes()).isEmpty();
	}

	@Test
	void wrongOrMissingSecretIsForbiddenAndPublishesNothing() throws Exception {
		Map<String, String> wrong = integrationHeaders("Forged=", "$connect", "CONNECT");
		wrong.put("X-Apigw-Secret", SECRET + "x");
		Map<String, String> missing = integrationHeaders("Forged=", "$connect", "CONNECT");
		missing.remove("X-Apigw-Secret");
		assertThat(post("", wrong, "").statusCode()).isEqualTo(403);
		assertThat(post("", missing, "").statusCode()).isEqualTo(403);
		assertThat(this.recorder.events(WebSocketConnectEvent.class))
			.noneMatch((event) -> event.connectionId().equals("Forged="));
		assertThat(this.registry.contains("Forged=")).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "connectionId", "routeKey", "eventType" })
	void missingMappedHeaderNamesTheMappingToAdd(String header) throws Exception {
		Map<String, String> headers = integrationHeaders("Unmapped=", "$default", "MESSAGE");
		headers.remove(header);
		HttpResponse<String> response = post("", headers, "hi");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body())
			.contains("integration.request.header." + header + " = context." + header + " in the route's integration");
		assertThat(this.recorder.events(WebSocketMessageEvent.class))
			.noneMatch((event) -> event.connectionId().equals("Unmapped="));
	}

	@Test
	void unknownEventTypeIsBadRequest() throws Exception {
		HttpResponse<String> response = post("", integrationHeaders("Odd=", "$default", "UPGRADE"), "");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("'UPGRADE'", "CONNECT, MESSAGE or DISCONNECT");
	}

	private <T> T single(Class<T> type, String connectionId) {
		return this.recorder.events(type)
			.stream()
			.filter((event) -> connectionId.equals(connectionIdOf(event)))
			.reduce((a, b) -> {
				throw new AssertionError("More than one " + type.getSimpleName() + " for " + connectionId);
			})
			.orElseThrow(() -> new AssertionError("No " + type.getSimpleName() + " for " + connectionId));
	}

	private static String connectionIdOf(Object event) {
		if (event instanceof WebSocketConnectEvent connect) {
			return connect.connectionId();
		}
		if (event instanceof WebSocketMessageEvent message) {
			return message.connectionId();
		}
		return ((WebSocketDisconnectEvent) event).connectionId();
	}

	private static Map<String, String> integrationHeaders(String connectionId, String routeKey, String eventType) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("connectionId", connectionId);
		headers.put("routeKey", routeKey);
		headers.put("eventType", eventType);
		headers.put("X-Apigw-Secret", SECRET);
		return headers;
	}

	private HttpResponse<String> post(String query, Map<String, String> headers, String body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/apigw/websocket" + query))
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
