package dev.apigw.websocket.emulator;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.apigw.websocket.emulator.LambdaEventsTestSupport.context;
import static dev.apigw.websocket.emulator.LambdaEventsTestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Lambda proxy integrations with in-process functions, driven by real WebSocket clients:
 * the {@code APIGatewayV2WebSocketEvent} each route receives, and how the function's
 * result, errors and timeouts reach the client.
 */
class LambdaIntegrationTests {

	private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();

	private WebSocketApiEmulator emulator;

	@AfterEach
	void stop() {
		if (this.emulator != null) {
			this.emulator.close();
		}
	}

	private WebSocketApiEmulator start(LambdaHandler function, WebSocketApiEmulator.Builder builder) {
		LambdaHandler recording = (event) -> {
			this.events.add(event);
			return function.handleRequest(event);
		};
		RouteIntegration lambda = RouteIntegration.lambda(recording);
		this.emulator = builder.stage("test")
			.apiId("abc123defg")
			.route("$connect", lambda)
			.route("$disconnect", lambda)
			.route("$default", lambda.withRouteResponse())
			.route("oneWay", lambda)
			.start();
		return this.emulator;
	}

	private WebSocketApiEmulator start(LambdaHandler function) {
		return start(function, WebSocketApiEmulator.builder());
	}

	private List<Map<String, Object>> eventsFor(String routeKey) {
		return this.events.stream().filter((event) -> routeKey.equals(context(event).get("routeKey"))).toList();
	}

	@Test
	void connectEventHasTheHandshakeAndRequestContextOfApiGateway() {
		start((event) -> Map.of("statusCode", 200));
		try (WebSocketTestClient client = WebSocketTestClient
			.connect(URI.create(this.emulator.webSocketUri() + "?token=abc&room=7&room=8"), Map.of("X-Team", "blue"))) {
			await().until(() -> !eventsFor("$connect").isEmpty());
			Map<String, Object> event = eventsFor("$connect").get(0);
			Map<String, Object> headers = map(event, "headers");
			assertThat(headers).containsEntry("X-Team", "blue")
				.containsEntry("Host", "127.0.0.1:" + this.emulator.port())
				.containsEntry("Sec-WebSocket-Version", "13")
				.containsEntry("X-Forwarded-For", "127.0.0.1")
				.containsEntry("X-Forwarded-Proto", "http")
				.containsKey("Sec-WebSocket-Key")
				.doesNotContainKeys("Connection", "Upgrade");
			assertThat(map(event, "multiValueHeaders")).containsEntry("X-Team", List.of("blue"));
			assertThat(map(event, "queryStringParameters")).isEqualTo(Map.of("token", "abc", "room", "8"));
			assertThat(map(event, "multiValueQueryStringParameters"))
				.isEqualTo(Map.of("token", List.of("abc"), "room", List.of("7", "8")));
			assertThat(event).containsEntry("isBase64Encoded", false).doesNotContainKey("body");
			Map<String, Object> context = context(event);
			assertThat(context).containsEntry("routeKey", "$connect")
				.containsEntry("eventType", "CONNECT")
				.containsEntry("messageDirection", "IN")
				.containsEntry("stage", "test")
				.containsEntry("apiId", "abc123defg")
				.containsEntry("domainName", "127.0.0.1:" + this.emulator.port())
				.doesNotContainKey("messageId");
			assertThat((String) context.get("connectionId")).hasSize(16).endsWith("=");
			assertThat((String) context.get("requestId")).hasSize(16).isEqualTo(context.get("extendedRequestId"));
			assertThat((String) context.get("requestTime"))
				.matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
			assertThat(context.get("connectedAt")).isInstanceOf(Long.class);
			assertThat((Long) context.get("requestTimeEpoch"))
				.isGreaterThanOrEqualTo((Long) context.get("connectedAt"));
			assertThat(map(context, "identity")).containsEntry("sourceIp", "127.0.0.1");
			assertThat((String) map(context, "identity").get("userAgent")).contains("Java-http-client");
			await().until(() -> this.emulator.connection((String) context.get("connectionId")).isPresent());
		}
	}

	@Test
	void connectWithoutQueryStringHasNoQueryStringParameters() {
		start((event) -> Map.of("statusCode", 200));
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			assertThat(eventsFor("$connect").get(0)).doesNotContainKeys("queryStringParameters",
					"multiValueQueryStringParameters");
			assertThat(context(eventsFor("$connect").get(0))).containsEntry("connectionId", client.connectionId());
		}
	}

	@Test
	void nonSuccessfulStatusCodeRefusesTheUpgrade() {
		start((event) -> Map.of("statusCode", 401, "body", "no token"));
		assertThatIllegalStateException().isThrownBy(() -> WebSocketTestClient.connect(this.emulator))
			.havingCause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(401));
		assertThat(this.emulator.connections()).isEmpty();
		await().during(Duration.ofMillis(300)).until(() -> eventsFor("$disconnect").isEmpty());
	}

	@Test
	void statusCodeAsTextIsReadAsApiGatewayDoes() {
		start((event) -> Map.of("statusCode", "403"));
		assertThatIllegalStateException().isThrownBy(() -> WebSocketTestClient.connect(this.emulator))
			.havingCause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(403));
	}

	@Test
	void messageEventCarriesTheBodyAndTheRouteResponseGoesBack() {
		start((event) -> "$connect".equals(context(event).get("routeKey")) ? null
				: Map.of("statusCode", 200, "body", "echo: " + event.get("body")));
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("{\"action\":\"chat\",\"text\":\"hi\"}");
			assertThat(client.awaitMessages(1)).containsExactly("echo: {\"action\":\"chat\",\"text\":\"hi\"}");
			Map<String, Object> event = eventsFor("$default").get(0);
			assertThat(event).containsEntry("body", "{\"action\":\"chat\",\"text\":\"hi\"}")
				.containsEntry("isBase64Encoded", false)
				.doesNotContainKeys("headers", "queryStringParameters");
			assertThat(context(event)).containsEntry("eventType", "MESSAGE")
				.containsEntry("connectionId", client.connectionId());
			assertThat((String) context(event).get("messageId")).hasSize(16);
		}
	}

	@Test
	void answerOfARouteWithoutRouteResponseIsDropped() {
		start((event) -> Map.of("statusCode", 200, "body", "not for the client"));
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("{\"action\":\"oneWay\"}");
			await().until(() -> !eventsFor("oneWay").isEmpty());
			await().during(Duration.ofMillis(300)).until(() -> client.messages().isEmpty());
		}
	}

	@Test
	void plainResultWithoutStatusCodeIsTheRouteResponse() {
		start((event) -> "$connect".equals(context(event).get("routeKey")) ? null : "pong");
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("ping");
			assertThat(client.awaitMessages(1)).containsExactly("pong");
		}
	}

	@Test
	void binaryMessageIsBase64AndABase64ResponseGoesBackAsBinary() {
		byte[] reply = { (byte) 0xff, 0, (byte) 0xfe, 1 };
		start((event) -> Map.of("statusCode", 200, "isBase64Encoded", true, "body",
				Base64.getEncoder().encodeToString(reply)));
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.sendBinary(new byte[] { 0, (byte) 0x80, (byte) 0xff });
			await().until(() -> client.binaryMessages().size() == 1);
			assertThat(client.binaryMessages().get(0)).isEqualTo(ByteBuffer.wrap(reply));
			Map<String, Object> event = eventsFor("$default").get(0);
			assertThat(event).containsEntry("isBase64Encoded", true).containsEntry("body", "AID/");
		}
	}

	@Test
	void disconnectEventCarriesTheCloseStatusAndReason() {
		start((event) -> null);
		WebSocketTestClient client = WebSocketTestClient.connect(this.emulator);
		client.close(4001, "bye");
		await().until(() -> !eventsFor("$disconnect").isEmpty());
		Map<String, Object> event = eventsFor("$disconnect").get(0);
		assertThat(context(event)).containsEntry("eventType", "DISCONNECT")
			.containsEntry("disconnectStatusCode", 4001)
			.containsEntry("disconnectReason", "bye")
			.containsEntry("connectionId", client.connectionId());
		assertThat(map(event, "headers")).containsEntry("X-Forwarded-For", "127.0.0.1");
	}

	@Test
	void functionErrorIsLoggedAndAnsweredWithInternalServerError() {
		start((event) -> {
			if ("$default".equals(context(event).get("routeKey"))) {
				throw new IllegalStateException("boom");
			}
			return null;
		});
		try (LogCapture log = new LogCapture();
				WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("hello");
			assertThat(client.awaitMessages(1).get(0)).startsWith("{\"message\":\"Internal server error\"")
				.contains(client.connectionId());
			await().until(() -> log.messages.stream()
				.anyMatch((line) -> line.contains("route $default") && line.contains("boom")));
		}
	}

	@Test
	void lambdaErrorDocumentIsAFunctionError() {
		start((event) -> "$connect".equals(context(event).get("routeKey")) ? null
				: Map.of("errorMessage", "bad input", "errorType", "IllegalArgumentException"));
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("hello");
			assertThat(client.awaitMessages(1).get(0)).startsWith("{\"message\":\"Internal server error\"");
		}
	}

	@Test
	void failingConnectFunctionRefusesWith500() {
		start((event) -> {
			throw new IllegalStateException("no database");
		});
		assertThatIllegalStateException().isThrownBy(() -> WebSocketTestClient.connect(this.emulator))
			.havingCause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(500));
	}

	@Test
	void slowFunctionTimesOutIsInterruptedAndTheClientIsAnswered() {
		AtomicBoolean interrupted = new AtomicBoolean();
		CountDownLatch never = new CountDownLatch(1);
		start((event) -> {
			if ("$default".equals(context(event).get("routeKey"))) {
				try {
					never.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					interrupted.set(true);
				}
			}
			return null;
		}, WebSocketApiEmulator.builder().lambdaTimeout(Duration.ofMillis(300)));
		try (LogCapture log = new LogCapture();
				WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("hello");
			assertThat(client.awaitMessages(1).get(0)).startsWith("{\"message\":\"Internal server error\"");
			await().untilTrue(interrupted);
			await().until(() -> log.messages.stream().anyMatch((line) -> line.contains("timed out after PT0.3S")));
		}
	}

	@Test
	void invocationsOverTheConcurrencyLimitAreRefusedAnsweredAndLogged() {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch firstRunning = new CountDownLatch(1);
		start((event) -> {
			if ("$default".equals(context(event).get("routeKey")) && "hold".equals(event.get("body"))) {
				firstRunning.countDown();
				release.await(10, TimeUnit.SECONDS);
				return Map.of("statusCode", 200, "body", "released");
			}
			return Map.of("statusCode", 200, "body", "ok");
		}, WebSocketApiEmulator.builder().maxConcurrentLambdaInvocations(1));
		try (LogCapture log = new LogCapture();
				WebSocketTestClient holder = WebSocketTestClient.connect(this.emulator);
				WebSocketTestClient other = WebSocketTestClient.connect(this.emulator)) {
			holder.send("hold");
			await().until(() -> firstRunning.getCount() == 0);
			other.send("second");
			assertThat(other.awaitMessages(1).get(0)).startsWith("{\"message\":\"Internal server error\"");
			await().until(() -> log.messages.stream().anyMatch((line) -> line.contains("1 invocations are running")));
			release.countDown();
			assertThat(holder.awaitMessages(1)).containsExactly("released");
			other.send("third");
			assertThat(other.awaitMessages(2).get(1)).isEqualTo("ok");
		}
	}

	@Test
	void responseOverTheSizeLimitIsAFailure() {
		start((event) -> "$connect".equals(context(event).get("routeKey")) ? null
				: Map.of("statusCode", 200, "body", "x".repeat(200)),
				WebSocketApiEmulator.builder().maxLambdaResponseBytes(100));
		try (LogCapture log = new LogCapture();
				WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("hello");
			assertThat(client.awaitMessages(1).get(0)).startsWith("{\"message\":\"Internal server error\"");
			await().until(() -> log.messages.stream().anyMatch((line) -> line.contains("is over 100 bytes")));
		}
	}

	@Test
	void eventBodyOfTextIsUtf8() {
		start((event) -> Map.of("statusCode", 200, "body", String.valueOf(event.get("body"))));
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("grüße");
			assertThat(client.awaitMessages(1)).containsExactly("grüße");
			assertThat(((String) eventsFor("$default").get(0).get("body")).getBytes(StandardCharsets.UTF_8)).hasSize(7);
		}
	}

}
