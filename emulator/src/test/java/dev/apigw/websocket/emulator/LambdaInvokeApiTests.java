package dev.apigw.websocket.emulator;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.apigw.websocket.emulator.LambdaEventsTestSupport.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Lambda proxy integrations through the Lambda Invoke API, against a real HTTP server on
 * loopback, driven by real WebSocket clients.
 */
class LambdaInvokeApiTests {

	private final CountDownLatch release = new CountDownLatch(1);

	private LocalInvokeApi lambda;

	private WebSocketApiEmulator emulator;

	@BeforeEach
	void startLambda() {
		this.lambda = new LocalInvokeApi();
	}

	@AfterEach
	void stop() {
		this.release.countDown();
		if (this.emulator != null) {
			this.emulator.close();
		}
		this.lambda.close();
	}

	private void start(WebSocketApiEmulator.Builder builder) {
		RouteIntegration function = RouteIntegration.lambda(this.lambda.endpoint(), "ChatFunction");
		this.emulator = builder.route("$connect", function)
			.route("$disconnect", function)
			.route("$default", function.withRouteResponse())
			.start();
	}

	private void start() {
		start(WebSocketApiEmulator.builder());
	}

	@Test
	void connectEventIsPostedToTheInvocationsPathAndAccepted() {
		start();
		try (WebSocketTestClient client = WebSocketTestClient
			.connect(URI.create(this.emulator.webSocketUri() + "?token=abc"))) {
			await().until(() -> !this.lambda.eventsFor("$connect").isEmpty());
			LocalInvokeApi.Received received = this.lambda.invocations.get(0);
			assertThat(received.method()).isEqualTo("POST");
			assertThat(received.path()).isEqualTo("/2015-03-31/functions/ChatFunction/invocations");
			assertThat(received.contentType()).isEqualTo("application/json");
			assertThat(received.event()).containsEntry("queryStringParameters", Map.of("token", "abc"));
			assertThat(context(received.event())).containsEntry("eventType", "CONNECT")
				.containsEntry("stage", "local")
				.containsEntry("apiId", "emulator");
			await().until(
					() -> this.emulator.connection((String) context(received.event()).get("connectionId")).isPresent());
		}
	}

	@Test
	void nonSuccessfulStatusCodeRefusesTheUpgrade() {
		this.lambda.function((event) -> LocalInvokeApi.Answer.payload("{\"statusCode\":403,\"body\":\"Forbidden\"}"));
		start();
		assertThatIllegalStateException().isThrownBy(() -> WebSocketTestClient.connect(this.emulator))
			.havingCause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(403));
		assertThat(this.emulator.connections()).isEmpty();
	}

	@Test
	void routeResponseBodyGoesBackToTheClient() {
		this.lambda.function((event) -> LocalInvokeApi.Answer.payload("{\"statusCode\":200,\"body\":\"got "
				+ ((event.get("body") != null) ? event.get("body") : "") + "\"}"));
		start();
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("hello");
			assertThat(client.awaitMessages(1)).containsExactly("got hello");
		}
	}

	@Test
	void disconnectEventIsPosted() {
		start();
		WebSocketTestClient client = WebSocketTestClient.connect(this.emulator);
		client.close(1000, "done");
		await().until(() -> !this.lambda.eventsFor("$disconnect").isEmpty());
		assertThat(context(this.lambda.eventsFor("$disconnect").get(0))).containsEntry("disconnectStatusCode", 1000)
			.containsEntry("disconnectReason", "done")
			.containsEntry("connectionId", client.connectionId());
	}

	@Test
	void functionErrorHeaderIsAnsweredWithInternalServerErrorAndLogged() {
		this.lambda.function((event) -> "$default".equals(context(event).get("routeKey"))
				? new LocalInvokeApi.Answer(200, Map.of("X-Amz-Function-Error", "Unhandled"),
						"{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.RuntimeException\"}")
				: LocalInvokeApi.Answer.payload("{\"statusCode\":200}"));
		start();
		try (LogCapture log = new LogCapture();
				WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("hello");
			assertThat(client.awaitMessages(1).get(0)).startsWith("{\"message\":\"Internal server error\"");
			await().until(() -> log.messages.stream()
				.anyMatch((line) -> line.contains("function error Unhandled") && line.contains("boom")));
		}
	}

	@Test
	void slowFunctionTimesOut() {
		this.lambda.function((event) -> {
			if ("$default".equals(context(event).get("routeKey"))) {
				awaitRelease(this.release);
			}
			return LocalInvokeApi.Answer.payload("{\"statusCode\":200,\"body\":\"late\"}");
		});
		start(WebSocketApiEmulator.builder().lambdaTimeout(Duration.ofMillis(500)));
		try (LogCapture log = new LogCapture();
				WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("hello");
			assertThat(client.awaitMessages(1).get(0)).startsWith("{\"message\":\"Internal server error\"");
			await().until(() -> log.messages.stream().anyMatch((line) -> line.contains("timed out after PT0.5S")));
			this.release.countDown();
			await().during(Duration.ofMillis(300)).until(() -> client.messages().size() == 1);
		}
	}

	@Test
	void responseOverTheSizeLimitIsNotBuffered() {
		this.lambda.function((event) -> LocalInvokeApi.Answer.payload("$default".equals(context(event).get("routeKey"))
				? "{\"statusCode\":200,\"body\":\"" + "x".repeat(10_000) + "\"}" : "{\"statusCode\":200}"));
		start(WebSocketApiEmulator.builder().maxLambdaResponseBytes(1000));
		try (LogCapture log = new LogCapture();
				WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("hello");
			assertThat(client.awaitMessages(1).get(0)).startsWith("{\"message\":\"Internal server error\"");
			await().until(() -> log.messages.stream().anyMatch((line) -> line.contains("is over 1000 bytes")));
		}
	}

	@Test
	void chunkedResponseOverTheSizeLimitIsCancelled() {
		this.lambda.function((event) -> "$default".equals(context(event).get("routeKey"))
				? LocalInvokeApi.Answer.chunked("{\"statusCode\":200,\"body\":\"" + "x".repeat(100_000) + "\"}")
				: LocalInvokeApi.Answer.payload("{\"statusCode\":200}"));
		start(WebSocketApiEmulator.builder().maxLambdaResponseBytes(1000));
		try (LogCapture log = new LogCapture();
				WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("hello");
			assertThat(client.awaitMessages(1).get(0)).startsWith("{\"message\":\"Internal server error\"");
			await().until(() -> log.messages.stream()
				.anyMatch((line) -> line.contains("more bytes is over 1000 bytes")
						&& line.contains("maxLambdaResponseBytes(...) or --lambda-max-response")));
		}
	}

	@Test
	void invokeApiErrorRefusesTheConnectWith500() {
		this.lambda.function((event) -> new LocalInvokeApi.Answer(404,
				Map.of("x-amzn-ErrorType", "ResourceNotFoundException"), "{\"message\":\"Function not found\"}"));
		start();
		try (LogCapture log = new LogCapture()) {
			assertThatIllegalStateException().isThrownBy(() -> WebSocketTestClient.connect(this.emulator))
				.havingCause()
				.isInstanceOfSatisfying(WebSocketHandshakeException.class,
						(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(500));
			await().until(() -> log.messages.stream()
				.anyMatch((line) -> line.contains("answered 404 ResourceNotFoundException")));
		}
	}

	@Test
	void unreachableInvokeApiRefusesTheConnectWith500() {
		this.lambda.close();
		start();
		assertThatIllegalStateException().isThrownBy(() -> WebSocketTestClient.connect(this.emulator))
			.havingCause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(500));
	}

	@Test
	void badEndpointOrFunctionNameIsRefusedEarly() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RouteIntegration.lambda(URI.create("ftp://127.0.0.1:3001"), "chat"))
			.withMessageContaining("'endpoint' must be an absolute http or https URL");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RouteIntegration.lambda(URI.create("http://127.0.0.1:3001"), "chat/../x"))
			.withMessageContaining("'functionName'");
		assertThat(RouteIntegration.lambda(URI.create("http://127.0.0.1:9000/"), "function").uri())
			.isEqualTo(URI.create("http://127.0.0.1:9000/2015-03-31/functions/function/invocations"));
	}

	private static void awaitRelease(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
