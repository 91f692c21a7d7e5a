package dev.apigw.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.apigw.websocket.event.WebSocketConnectionGoneEvent;
import dev.apigw.websocket.registry.ConnectionLifecycle;
import dev.apigw.websocket.registry.InMemoryConnectionRegistry;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.EventListener;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Blocking operations of {@link WebSocketConnectionTemplate} through the real apache5 SDK
 * client against a local stub server.
 */
class WebSocketConnectionTemplateTests {

	@RegisterExtension
	static final ManagementApiExtension api = new ManagementApiExtension();

	private WebSocketConnectionTemplate template;

	@BeforeEach
	void setUp() {
		this.template = api.templateBuilder().build();
	}

	@Test
	void sendPostsTextToConnection() {
		api.server().stubFor(post(anyUrl()).willReturn(ManagementApiStubs.ok()));
		this.template.send("abc", "hello");
		api.server()
			.verify(1, postRequestedFor(urlEqualTo("/prod/@connections/abc")).withRequestBody(equalTo("hello")));
	}

	@Test
	void sendPostsRemainingBytesOfBufferWithoutMovingItsPosition() {
		api.server().stubFor(post(anyUrl()).willReturn(ManagementApiStubs.ok()));
		ByteBuffer buffer = ByteBuffer.wrap("skip:data".getBytes(StandardCharsets.UTF_8));
		buffer.position(5);
		this.template.send("abc", buffer);
		assertThat(buffer.position()).isEqualTo(5);
		api.server().verify(1, postRequestedFor(urlEqualTo("/prod/@connections/abc")).withRequestBody(equalTo("data")));
	}

	@Test
	void sendJsonPostsJsonWrittenByJackson() {
		api.server().stubFor(post(anyUrl()).willReturn(ManagementApiStubs.ok()));
		this.template.sendJson("abc", new Notice("build finished", 3));
		api.server()
			.verify(1, postRequestedFor(urlEqualTo("/prod/@connections/abc"))
				.withRequestBody(equalTo("{\"text\":\"build finished\",\"level\":3}")));
	}

	@Test
	void getConnectionReturnsItsDetails() {
		api.server().stubFor(get(anyUrl()).willReturn(okJson("""
				{"connectedAt":"2026-01-02T03:04:05Z","lastActiveAt":"2026-01-02T03:05:00Z",
				 "identity":{"sourceIp":"192.0.2.10","userAgent":"test-agent"}}""")));
		assertThat(this.template.getConnection("abc"))
			.contains(new ConnectionInfo("abc", Instant.parse("2026-01-02T03:04:05Z"),
					Instant.parse("2026-01-02T03:05:00Z"), "192.0.2.10", "test-agent"));
	}

	@Test
	void disconnectReturnsTrueWhenItClosedTheConnection() {
		api.server().stubFor(delete(anyUrl()).willReturn(aResponse().withStatus(204)));
		assertThat(this.template.disconnect("abc")).isTrue();
		assertThat(api.clients().goneEvents).isEmpty();
	}

	@ParameterizedTest(name = "x-amzn-ErrorType ''{0}''")
	@ValueSource(strings = { "GoneException", "" })
	void goneIsReportedByEveryOperationWithOneEventEach(String errorType) {
		api.server()
			.stubFor(any(anyUrl()).willReturn(errorType.isEmpty() ? ManagementApiStubs.errorWithoutType(410)
					: ManagementApiStubs.error(410, errorType)));
		assertThatExceptionOfType(ConnectionGoneException.class).isThrownBy(() -> this.template.send("abc", "hi"))
			.satisfies((ex) -> {
				assertThat(ex.connectionId()).isEqualTo("abc");
				assertThat(ex.operation()).isEqualTo(ManagementOperation.POST);
				assertThat(ex.statusCode()).isEqualTo(410);
				assertThat(ex.outcome()).isEqualTo(ManagementOutcome.GONE);
			});
		assertThat(this.template.getConnection("abc")).isEmpty();
		assertThat(this.template.disconnect("abc")).isFalse();
		assertThat(api.clients().goneEvents).extracting(WebSocketConnectionGoneEvent::operation)
			.containsExactly(ManagementOperation.POST, ManagementOperation.GET, ManagementOperation.DELETE);
		assertThat(api.clients().goneEvents).allSatisfy((event) -> {
			assertThat(event.connectionId()).isEqualTo("abc");
			assertThat(event.endpoint()).isEqualTo(api.clients().endpoint.uri());
		});
		api.server().verify(3, anyRequestedFor(anyUrl()));
	}

	@Test
	void throttledTwiceThenAcceptedTakesThreeRequestsAndCountsTwoRetries() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		WebSocketConnectionTemplate template = api.templateBuilder().meterRegistry(meters).build();
		api.stubPostAnswers(ManagementApiStubs.error(429, "LimitExceededException"),
				ManagementApiStubs.errorWithoutType(429), ManagementApiStubs.ok());
		template.send("abc", "hello");
		api.server().verify(3, postRequestedFor(anyUrl()));
		assertThat(meters.get(ManagementMetrics.RETRIES_METER_NAME).tag("operation", "post").counter().count())
			.isEqualTo(2);
	}

	@Test
	void throttledForeverMakesExactlyMaxAttemptsRequests() {
		WebSocketConnectionTemplate template = api.templateBuilder()
			.retrySettings(ManagementApiClients.fastRetries(4))
			.build();
		api.server().stubFor(post(anyUrl()).willReturn(ManagementApiStubs.error(429, "LimitExceededException")));
		assertThatExceptionOfType(ManagementThrottledException.class).isThrownBy(() -> template.send("abc", "hi"))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(429));
		api.server().verify(4, postRequestedFor(anyUrl()));
	}

	@Test
	void payloadTooLargeIsNotRetried() {
		api.server().stubFor(post(anyUrl()).willReturn(ManagementApiStubs.error(413, "PayloadTooLargeException")));
		assertThatExceptionOfType(MessageTooLargeException.class).isThrownBy(() -> this.template.send("abc", "hi"))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(413));
		api.server().verify(1, postRequestedFor(anyUrl()));
	}

	@Test
	void forbiddenNamesStageRegionAndIamPermissionAndIsNotRetried() {
		api.server().stubFor(post(anyUrl()).willReturn(ManagementApiStubs.error(403, "ForbiddenException")));
		assertThatExceptionOfType(ManagementForbiddenException.class).isThrownBy(() -> this.template.send("abc", "hi"))
			.withMessageContaining("includes the stage")
			.withMessageContaining("region")
			.withMessageContaining("execute-api:ManageConnections")
			.withMessageContaining("/@connections/*");
		api.server().verify(1, postRequestedFor(anyUrl()));
	}

	@Test
	void badRequestIsAClientErrorAndIsNotRetried() {
		api.server().stubFor(post(anyUrl()).willReturn(ManagementApiStubs.errorWithoutType(400)));
		assertThatExceptionOfType(ManagementClientException.class).isThrownBy(() -> this.template.send("abc", "hi"))
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(400);
				assertThat(ex.outcome()).isEqualTo(ManagementOutcome.CLIENT_ERROR);
			});
		api.server().verify(1, postRequestedFor(anyUrl()));
	}

	@Test
	void serviceUnavailableThenAcceptedIsRetriedOnce() {
		api.stubPostAnswers(ManagementApiStubs.errorWithoutType(503), ManagementApiStubs.ok());
		this.template.send("abc", "hello");
		api.server().verify(2, postRequestedFor(anyUrl()));
	}

	@Test
	void serverErrorIsNotRetriedWhenDisabled() {
		RetrySettings fast = ManagementApiClients.FAST_RETRIES;
		WebSocketConnectionTemplate template = api.templateBuilder()
			.retrySettings(new RetrySettings(fast.maxAttempts(), fast.initialBackoff(), fast.multiplier(),
					fast.maxBackoff(), fast.maxElapsed(), false))
			.deliveryMode(DeliveryMode.AT_LEAST_ONCE)
			.build();
		api.server().stubFor(post(anyUrl()).willReturn(ManagementApiStubs.errorWithoutType(503)));
		assertThatExceptionOfType(ManagementServerException.class).isThrownBy(() -> template.send("abc", "hi"))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(503));
		api.server().verify(1, postRequestedFor(anyUrl()));
	}

	@Test
	void connectionIdsReachTheServerPathEncodedOnce() {
		api.server().stubFor(post(anyUrl()).willReturn(ManagementApiStubs.ok()));
		for (String connectionId : List.of("L0SM9cOFvHcCIhw=", "a/b", "a+b", "=/+")) {
			this.template.send(connectionId, "hi");
		}
		assertThat(api.server().getAllServeEvents()).map(ServeEvent::getRequest)
			.map((request) -> request.getUrl())
			.containsExactlyInAnyOrder("/prod/@connections/L0SM9cOFvHcCIhw%3D", "/prod/@connections/a%2Fb",
					"/prod/@connections/a%2Bb", "/prod/@connections/%3D%2F%2B");
	}

	@ParameterizedTest(name = "connection id ''{0}''")
	@ValueSource(strings = { "", " ", "\t" })
	void blankConnectionIdFailsBeforeAnyCall(String connectionId) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.send(connectionId, "hi"))
			.withMessage("'connectionId' must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.getConnection(connectionId))
			.withMessage("'connectionId' must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.disconnect(connectionId))
			.withMessage("'connectionId' must not be blank");
		assertThat(api.server().getAllServeEvents()).isEmpty();
	}

	@Test
	@SuppressWarnings("NullAway")
	void nullArgumentsFailBeforeAnyCall() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.send(null, "hi"))
			.withMessage("'connectionId' must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.send("abc", (String) null))
			.withMessage("'message' must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.send("abc", (byte[]) null))
			.withMessage("'data' must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.sendJson("abc", null))
			.withMessage("'payload' must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.broadcast(List.of("a", " "), "hi"))
			.withMessage("'connectionIds' must not contain a null or blank id");
		assertThat(api.server().getAllServeEvents()).isEmpty();
	}

	@Test
	void payloadOverTheLimitFailsBeforeAnyCallNamingSizeAndLimit() {
		byte[] tooLarge = new byte[131_073];
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.send("abc", tooLarge))
			.withMessageContaining("131073 bytes")
			.withMessageContaining("131072 bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.broadcast(List.of("abc"), tooLarge))
			.withMessageContaining("131073 bytes");
		assertThat(api.server().getAllServeEvents()).isEmpty();
	}

	@Test
	void everyPayloadTypeIsMeasuredInBytesAsSent() {
		// 43,691 characters, each 3 bytes in UTF-8: under the limit in chars, over it in
		// bytes
		String euros = "\u20ac".repeat(43_691);
		ByteBuffer buffer = ByteBuffer.allocate(131_100);
		buffer.position(27);
		WebSocketConnectionTemplate template = api.templateBuilder()
			.payloadConverter((payload) -> new byte[131_073])
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> template.send("abc", euros))
			.withMessageContaining("131073 bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> template.send("abc", buffer))
			.withMessageContaining("131073 bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> template.sendJson("abc", new Notice("large", 1)))
			.withMessageContaining("131073 bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> template.sendAsync("abc", euros))
			.withMessageContaining("131073 bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> template.broadcastJson(List.of("abc"), "large"))
			.withMessageContaining("131073 bytes");
		assertThat(euros.length()).isLessThan(WebSocketConnectionTemplate.MAX_PAYLOAD_BYTES);
		assertThat(buffer.position()).isEqualTo(27);
		assertThat(api.server().getAllServeEvents()).isEmpty();
	}

	@Test
	void textAtTheLimitInBytesIsSent() {
		api.server().stubFor(post(anyUrl()).willReturn(ManagementApiStubs.ok()));
		// 43,690 three-byte characters and two one-byte ones: 131,072 bytes
		this.template.send("abc", "\u20ac".repeat(43_690) + "ok");
		api.server().verify(1, postRequestedFor(anyUrl()));
	}

	@Test
	void payloadAtTheLimitIsSent() {
		api.server().stubFor(post(anyUrl()).willReturn(ManagementApiStubs.ok()));
		this.template.send("abc", new byte[131_072]);
		api.server().verify(1, postRequestedFor(anyUrl()));
	}

	@Test
	void goneEventIsPublishedOnceAndPrunesTheRegistry() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			InMemoryConnectionRegistry registry = new InMemoryConnectionRegistry();
			// registered past the lifecycle's grace period for connections still being
			// upgraded
			registry.setClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-1)));
			ConnectionLifecycle lifecycle = new ConnectionLifecycle(registry);
			context.registerBean(GoneEventRecorder.class);
			context.refresh();
			registry.register("gone-one", Map.of("user", "ada"));
			registry.register("still-here", Map.of("user", "bob"));
			WebSocketConnectionTemplate template = api.templateBuilder()
				.eventPublisher(context)
				.connectionLifecycle(lifecycle)
				.build();
			api.server().stubFor(post(anyUrl()).willReturn(ManagementApiStubs.error(410, "GoneException")));

			assertThatExceptionOfType(ConnectionGoneException.class).isThrownBy(() -> template.send("gone-one", "hi"));

			assertThat(context.getBean(GoneEventRecorder.class).events).singleElement()
				.satisfies((event) -> assertThat(event.connectionId()).isEqualTo("gone-one"));
			assertThat(registry.connectionIds()).containsExactly("still-here");
		}
	}

	record Notice(String text, int level) {
	}

	static class GoneEventRecorder {

		final List<WebSocketConnectionGoneEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void onGone(WebSocketConnectionGoneEvent event) {
			this.events.add(event);
		}

	}

}
