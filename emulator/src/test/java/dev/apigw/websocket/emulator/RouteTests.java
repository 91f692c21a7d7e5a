package dev.apigw.websocket.emulator;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Route integrations over real HTTP and in process: selection, {@code $connect}
 * rejection, {@code $disconnect}, route responses.
 */
class RouteTests {

	private RecordingHttpIntegration app;

	private WebSocketApiEmulator emulator;

	@BeforeEach
	void start() {
		this.app = new RecordingHttpIntegration();
		RouteIntegration http = RouteIntegration.http(this.app.uri(), Map.of("X-Shared-Secret", "s3cret"));
		this.emulator = WebSocketApiEmulator.builder()
			.route("$connect", http)
			.route("$disconnect", http)
			.route("$default", http)
			.route("sendMessage", http)
			.start();
	}

	@AfterEach
	void stop() {
		this.emulator.close();
		this.app.close();
	}

	@Test
	void connectIntegrationGetsQueryHeadersAndConnectionId() {
		try (WebSocketTestClient client = WebSocketTestClient
			.connect(URI.create(this.emulator.webSocketUri() + "?token=abc&room=7"))) {
			RecordingHttpIntegration.Received connect = this.app.requestsFor("$connect").get(0);
			assertThat(connect.method()).isEqualTo("POST");
			assertThat(connect.uri().getQuery()).isEqualTo("source=emulator&token=abc&room=7");
			assertThat(connect.header("eventType")).isEqualTo("CONNECT");
			assertThat(connect.header("X-Shared-Secret")).isEqualTo("s3cret");
			assertThat(connect.header("User-Agent")).contains("Java-http-client");
			assertThat(connect.header("Sec-WebSocket-Key")).isNull();
			assertThat(connect.header("requestTimeEpoch")).matches("\\d{13}");
			assertThat(connect.body()).isEmpty();
			await().until(() -> this.emulator.connection(connect.header("connectionId")).isPresent());
		}
	}

	@Test
	void clientCannotSpoofTheConnectionIdHeader() {
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.emulator.webSocketUri(),
				Map.of("connectionId", "spoofed"))) {
			assertThat(this.app.requestsFor("$connect").get(0).header("connectionId")).isNotEqualTo("spoofed")
				.hasSize(16);
		}
	}

	@Test
	void nonSuccessfulConnectAnswerRejectsTheUpgradeWithItsStatus() {
		this.app.answer("$connect", (request) -> new RouteResponse(401, "no token"));
		assertThatIllegalStateException().isThrownBy(() -> WebSocketTestClient.connect(this.emulator))
			.havingCause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(401));
		assertThat(this.emulator.connections()).isEmpty();
		assertThat(this.app.requestsFor("$disconnect")).isEmpty();
	}

	@Test
	void routeSelectionExpressionPicksTheCustomRoute() {
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("{\"action\":\"sendMessage\",\"text\":\"hi\"}");
			await().until(() -> this.app.requestsFor("sendMessage").size() == 1);
			RecordingHttpIntegration.Received message = this.app.requestsFor("sendMessage").get(0);
			assertThat(message.body()).isEqualTo("{\"action\":\"sendMessage\",\"text\":\"hi\"}");
			assertThat(message.header("eventType")).isEqualTo("MESSAGE");
			assertThat(message.uri().getQuery()).isEqualTo("source=emulator");
		}
	}

	@Test
	void unknownActionNonJsonAndBinaryGoToDefault() {
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("{\"action\":\"nope\"}");
			client.send("plain text");
			client.webSocket().sendBinary(ByteBuffer.wrap(new byte[] { 1, 2, 3 }), true).join();
			await().until(() -> this.app.requestsFor("$default").size() == 3);
			assertThat(this.app.requestsFor("$default")).extracting(RecordingHttpIntegration.Received::body)
				.containsExactly("{\"action\":\"nope\"}", "plain text", "\u0001\u0002\u0003");
		}
	}

	@Test
	void routeResponseIsSentBackOnlyWhenConfigured() {
		this.app.answer("sendMessage", (request) -> RouteResponse.ok("{\"echo\":true}"));
		this.app.answer("$default", (request) -> RouteResponse.ok("not sent"));
		this.emulator.route("sendMessage", RouteIntegration.http(this.app.uri()).withRouteResponse());
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("plain");
			client.send("{\"action\":\"sendMessage\"}");
			assertThat(client.awaitMessages(1).get(0)).isEqualTo("{\"echo\":true}");
			assertThat(this.app.requestsFor("$default")).hasSize(1);
			assertThat(client.messages()).hasSize(1);
		}
	}

	@Test
	void failingIntegrationSendsInternalServerErrorToTheClient() {
		this.app.answer("$default", (request) -> RouteResponse.status(500));
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("boom");
			assertThat(client.awaitMessages(1).get(0)).startsWith("{\"message\":\"Internal server error\"")
				.contains("\"connectionId\":\"" + this.emulator.connections().get(0).id() + "\"");
		}
	}

	@Test
	void missingDefaultRouteAnswersForbidden() {
		this.emulator.removeRoute("$default");
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("anything");
			assertThat(client.awaitMessages(1).get(0)).startsWith("{\"message\":\"Forbidden\"");
		}
	}

	@Test
	void disconnectIsCalledAfterCloseWithStatusAndReason() {
		WebSocketTestClient client = WebSocketTestClient.connect(this.emulator);
		String id = this.app.requestsFor("$connect").get(0).header("connectionId");
		client.close(4001, "user left");
		await().until(() -> this.app.requestsFor("$disconnect").size() == 1);
		RecordingHttpIntegration.Received disconnect = this.app.requestsFor("$disconnect").get(0);
		assertThat(disconnect.header("connectionId")).isEqualTo(id);
		assertThat(disconnect.header("eventType")).isEqualTo("DISCONNECT");
		assertThat(disconnect.header("disconnectStatusCode")).isEqualTo("4001");
		assertThat(disconnect.header("disconnectReason")).isEqualTo("user left");
		assertThat(this.emulator.connection(id)).isEmpty();
	}

	@Test
	void routesCanBeReplacedWhileRunning() {
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			this.emulator.route("$default",
					RouteIntegration.handler((request) -> RouteResponse.ok("handled: " + request.bodyAsString()))
						.withRouteResponse());
			client.send("in process");
			assertThat(client.awaitMessages(1).get(0)).isEqualTo("handled: in process");
			assertThat(this.app.requestsFor("$default")).isEmpty();
		}
	}

	@Test
	void messagesReachTheIntegrationInOrder() {
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			for (int i = 0; i < 20; i++) {
				client.send("m" + i);
			}
			await().until(() -> this.app.requestsFor("$default").size() == 20);
			assertThat(this.app.requestsFor("$default")).extracting(RecordingHttpIntegration.Received::body)
				.containsExactlyElementsOf(IntStream.range(0, 20).mapToObj((i) -> "m" + i).toList());
		}
	}

	@Test
	void customSelectionExpressionWithNestedPath() {
		RouteSelectionExpression expression = RouteSelectionExpression.parse("$request.body.meta.type");
		assertThat(expression.evaluate("{\"meta\":{\"type\":\"join\"}}".getBytes())).isEqualTo("join");
		assertThat(expression.evaluate("{\"meta\":\"join\"}".getBytes())).isNull();
		assertThat(expression.evaluate("[1]".getBytes())).isNull();
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> WebSocketApiEmulator.builder().routeSelectionExpression("$request.header.x"))
			.withMessageContaining("'routeSelectionExpression' must look like '$request.body.action'");
	}

}
