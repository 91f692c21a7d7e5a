package dev.apigw.websocket;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.apigw.websocket.event.WebSocketConnectionGoneEvent;

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
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Non-blocking operations of {@link WebSocketConnectionTemplate} through the real Netty
 * SDK client against a local stub server.
 */
class WebSocketConnectionTemplateAsyncTests {

	@RegisterExtension
	static final ManagementApiExtension api = new ManagementApiExtension();

	private static final Duration WAIT = Duration.ofSeconds(10);

	private WebSocketConnectionTemplate template;

	@BeforeEach
	void setUp() {
		this.template = api.templateBuilder().build();
	}

	@Test
	void sendAsyncPostsTextToConnection() {
		api.server().stubFor(post(anyUrl()).willReturn(ManagementApiStubs.ok()));
		assertThat(this.template.sendAsync("abc", "hello")).succeedsWithin(WAIT);
		api.server()
			.verify(1, postRequestedFor(urlEqualTo("/prod/@connections/abc")).withRequestBody(equalTo("hello")));
	}

	@Test
	void getConnectionAsyncReturnsItsDetails() {
		api.server().stubFor(get(anyUrl()).willReturn(okJson("{\"identity\":{\"sourceIp\":\"192.0.2.10\"}}")));
		assertThat(this.template.getConnectionAsync("abc")).succeedsWithin(WAIT)
			.satisfies((info) -> assertThat(info).map(ConnectionInfo::sourceIp).contains("192.0.2.10"));
	}

	@Test
	void disconnectAsyncReturnsTrueWhenItClosedTheConnection() {
		api.server().stubFor(delete(anyUrl()).willReturn(aResponse().withStatus(204)));
		assertThat(this.template.disconnectAsync("abc")).succeedsWithin(WAIT).isEqualTo(true);
	}

	@ParameterizedTest(name = "x-amzn-ErrorType ''{0}''")
	@ValueSource(strings = { "GoneException", "" })
	void goneIsReportedByEveryAsyncOperationWithOneEventEach(String errorType) {
		api.server()
			.stubFor(any(anyUrl()).willReturn(errorType.isEmpty() ? ManagementApiStubs.errorWithoutType(410)
					: ManagementApiStubs.error(410, errorType)));
		assertFailsWith(this.template.sendAsync("abc", "hi"), ConnectionGoneException.class);
		assertThat(this.template.getConnectionAsync("abc")).succeedsWithin(WAIT)
			.satisfies((info) -> assertThat(info).isEmpty());
		assertThat(this.template.disconnectAsync("abc")).succeedsWithin(WAIT).isEqualTo(false);
		assertThat(api.clients().goneEvents).extracting(WebSocketConnectionGoneEvent::operation)
			.containsExactly(ManagementOperation.POST, ManagementOperation.GET, ManagementOperation.DELETE);
		api.server().verify(3, anyRequestedFor(anyUrl()));
	}

	@Test
	void throttledTwiceThenAcceptedTakesThreeRequests() {
		api.stubPostAnswers(ManagementApiStubs.error(429, "LimitExceededException"),
				ManagementApiStubs.error(429, "LimitExceededException"), ManagementApiStubs.ok());
		assertThat(this.template.sendAsync("abc", "hello")).succeedsWithin(WAIT);
		api.server().verify(3, postRequestedFor(anyUrl()));
	}

	@Test
	void throttledForeverMakesExactlyMaxAttemptsRequests() {
		WebSocketConnectionTemplate template = api.templateBuilder()
			.retrySettings(ManagementApiClients.fastRetries(5))
			.build();
		api.server().stubFor(post(anyUrl()).willReturn(ManagementApiStubs.errorWithoutType(429)));
		assertFailsWith(template.sendAsync("abc", "hi"), ManagementThrottledException.class);
		api.server().verify(5, postRequestedFor(anyUrl()));
	}

	@Test
	void badRequestIsAClientErrorAndIsNotRetried() {
		api.server().stubFor(post(anyUrl()).willReturn(ManagementApiStubs.errorWithoutType(400)));
		assertFailsWith(this.template.sendAsync("abc", "hi"), ManagementClientException.class);
		api.server().verify(1, postRequestedFor(anyUrl()));
	}

	@Test
	void invalidArgumentsAreThrownAtOnceBeforeAnyCall() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.sendAsync(" ", "hi"))
			.withMessage("'connectionId' must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.sendAsync("abc", new byte[131_073]))
			.withMessageContaining("131073");
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.disconnectAsync(""))
			.withMessage("'connectionId' must not be blank");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.broadcastAsync(List.of("abc"), (String) null))
			.withMessage("'message' must not be null");
		assertThat(api.server().getAllServeEvents()).isEmpty();
	}

	private static <T extends Throwable> T assertFailsWith(CompletableFuture<?> future, Class<T> type) {
		Throwable failure = catchThrowable(() -> future.get(WAIT.toSeconds(), TimeUnit.SECONDS));
		assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(type);
		return type.cast(failure.getCause());
	}

}
