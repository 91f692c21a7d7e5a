package dev.apigw.websocket;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.apigw.websocket.event.WebSocketConnectionGoneEvent;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Broadcasts of {@link WebSocketConnectionTemplate} through the real Netty SDK client
 * against a local stub server.
 */
class BroadcastTests {

	private static final InFlightCounter inFlight = new InFlightCounter();

	@RegisterExtension
	static final ManagementApiExtension api = new ManagementApiExtension(inFlight);

	@BeforeEach
	void setUp() {
		inFlight.reset();
	}

	@Test
	void broadcastToThousandConnectionsGivesTheExactResultPerIdWithinTheConcurrencyBound() {
		api.server()
			.stubFor(post(urlPathMatching(ManagementApiStubs.CONNECTIONS_PATH + "ok-.*"))
				.willReturn(ManagementApiStubs.ok()));
		api.server()
			.stubFor(post(urlPathMatching(ManagementApiStubs.CONNECTIONS_PATH + "gone-.*"))
				.willReturn(ManagementApiStubs.error(410, "GoneException")));
		api.server()
			.stubFor(post(urlPathMatching(ManagementApiStubs.CONNECTIONS_PATH + "bad-.*"))
				.willReturn(ManagementApiStubs.errorWithoutType(400)));
		List<String> ids = IntStream.range(0, 1000).mapToObj(BroadcastTests::mixedId).toList();
		WebSocketConnectionTemplate template = api.templateBuilder()
			.broadcastOptions(new BroadcastOptions(16, 0))
			.build();

		BroadcastResult result = template.broadcast(ids, "news");

		assertThat(result.delivered()).isEqualTo(withPrefix(ids, "ok-")).hasSize(800);
		assertThat(result.gone()).isEqualTo(withPrefix(ids, "gone-")).hasSize(100);
		assertThat(result.failed().keySet()).containsExactlyElementsOf(withPrefix(ids, "bad-"));
		assertThat(result.failed()).allSatisfy((id, failure) -> {
			assertThat(failure).isInstanceOf(ManagementClientException.class);
			assertThat(failure.connectionId()).isEqualTo(id);
			assertThat(failure.statusCode()).isEqualTo(400);
		});
		assertThat(result.total()).isEqualTo(1000);
		assertThat(result.allDelivered()).isFalse();
		assertThat(api.clients().goneEvents).map(WebSocketConnectionGoneEvent::connectionId)
			.containsExactlyInAnyOrderElementsOf(result.gone());
		api.server().verify(1000, postRequestedFor(anyUrl()).withRequestBody(equalTo("news")));
		assertThat(inFlight.max()).isBetween(2, 16);
	}

	@Test
	void eachConnectionIsRetriedOnItsOwn() {
		api.server().stubFor(post(anyUrl()).willReturn(ManagementApiStubs.ok()));
		api.server()
			.stubFor(post(urlEqualTo(ManagementApiStubs.CONNECTIONS_PATH + "flaky")).inScenario("flaky")
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(ManagementApiStubs.error(429, "LimitExceededException"))
				.willSetStateTo("recovered"));
		api.server()
			.stubFor(post(urlEqualTo(ManagementApiStubs.CONNECTIONS_PATH + "flaky")).inScenario("flaky")
				.whenScenarioStateIs("recovered")
				.willReturn(ManagementApiStubs.ok()));
		WebSocketConnectionTemplate template = api.templateBuilder().build();

		BroadcastResult result = template.broadcast(List.of("steady", "flaky"), "news");

		assertThat(result.delivered()).containsExactly("steady", "flaky");
		assertThat(result.allDelivered()).isTrue();
		api.server().verify(2, postRequestedFor(urlEqualTo(ManagementApiStubs.CONNECTIONS_PATH + "flaky")));
		api.server().verify(1, postRequestedFor(urlEqualTo(ManagementApiStubs.CONNECTIONS_PATH + "steady")));
	}

	@Test
	void duplicateIdsAreSentToOnce() {
		api.server().stubFor(post(anyUrl()).willReturn(ManagementApiStubs.ok()));
		BroadcastResult result = api.templateBuilder().build().broadcast(List.of("a", "b", "a"), "news");
		assertThat(result.delivered()).containsExactly("a", "b");
		api.server().verify(2, postRequestedFor(anyUrl()));
	}

	@Test
	void emptyBroadcastMakesNoCall() {
		BroadcastResult result = api.templateBuilder().build().broadcast(List.of(), "news");
		assertThat(result.total()).isZero();
		assertThat(result.allDelivered()).isTrue();
		assertThat(api.server().getAllServeEvents()).isEmpty();
	}

	@Test
	void broadcastJsonConvertsThePayloadOnce() {
		api.server().stubFor(post(anyUrl()).willReturn(ManagementApiStubs.ok()));
		AtomicInteger conversions = new AtomicInteger();
		WebSocketConnectionTemplate template = api.templateBuilder().payloadConverter((payload) -> {
			conversions.incrementAndGet();
			return ("converted " + payload).getBytes();
		}).build();

		BroadcastResult result = template.broadcastJson(List.of("a", "b", "c", "d", "e"), "news");

		assertThat(result.failed()).isEmpty();
		assertThat(result.delivered()).hasSize(5);
		assertThat(conversions).hasValue(1);
		api.server().verify(5, postRequestedFor(anyUrl()).withRequestBody(equalTo("converted news")));
	}

	@Test
	void rateLimitedBroadcastStartsNoMoreThanTheBurstPlusTheRateTimesTheElapsedTime() {
		api.server().stubFor(post(anyUrl()).willReturn(ManagementApiStubs.ok()));
		// 100 per second, burst of 10: 50 ids need 400ms more than the burst
		ManualScheduler scheduler = new ManualScheduler();
		MessageRateLimiter limiter = new MessageRateLimiter(100, scheduler::nanoTime, scheduler::delay);
		List<String> ids = IntStream.range(0, 50).mapToObj((i) -> "c" + i).toList();
		// a fixed window of 64: every id waits for its turn at once
		WebSocketConnectionTemplate template = api.templateBuilder()
			.broadcastOptions(new BroadcastOptions(64, 100, BroadcastOptions.DEFAULT_MAX_DURATION, false))
			.rateLimiter(limiter)
			.build();

		CompletableFuture<BroadcastResult> result = template.broadcastAsync(ids, "news");

		assertRequestsStayAt(10);
		assertThat(scheduler.pending()).isEqualTo(40);
		scheduler.advance(Duration.ofMillis(100));
		assertRequestsStayAt(10 + 10);
		scheduler.advance(Duration.ofMillis(150));
		assertRequestsStayAt(10 + 25);
		scheduler.advance(Duration.ofMillis(150));
		assertThat(result).succeedsWithin(Duration.ofSeconds(10))
			.satisfies((broadcast) -> assertThat(broadcast.delivered()).isEqualTo(ids));
		assertThat(api.arrivals().count()).isEqualTo(50);
	}

	@Test
	void rateLimitIsSharedByTheBroadcastsOfATemplate() {
		api.server().stubFor(post(anyUrl()).willReturn(ManagementApiStubs.ok()));
		ManualScheduler scheduler = new ManualScheduler();
		MessageRateLimiter limiter = new MessageRateLimiter(100, scheduler::nanoTime, scheduler::delay);
		WebSocketConnectionTemplate template = api.templateBuilder()
			.broadcastOptions(new BroadcastOptions(64, 100))
			.rateLimiter(limiter)
			.build();

		CompletableFuture<BroadcastResult> first = template.broadcastAsync(List.of("a1", "a2", "a3", "a4", "a5", "a6"),
				"news");
		CompletableFuture<BroadcastResult> second = template.broadcastAsync(List.of("b1", "b2", "b3", "b4", "b5", "b6"),
				"news");

		assertRequestsStayAt(10);
		scheduler.advance(Duration.ofMillis(20));
		assertThat(first).succeedsWithin(Duration.ofSeconds(10));
		assertThat(second).succeedsWithin(Duration.ofSeconds(10));
		assertThat(api.arrivals().count()).isEqualTo(12);
	}

	// the server has seen exactly that many posts, and no more arrive for a while
	private static void assertRequestsStayAt(int expected) {
		await().atMost(Duration.ofSeconds(10)).until(() -> api.arrivals().count() >= expected);
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(api.arrivals().count()).as("posts seen").isEqualTo(expected));
	}

	private static String mixedId(int index) {
		return switch (index % 10) {
			case 3 -> "gone-" + index;
			case 7 -> "bad-" + index;
			default -> "ok-" + index;
		};
	}

	private static List<String> withPrefix(List<String> ids, String prefix) {
		return ids.stream().filter((id) -> id.startsWith(prefix)).toList();
	}

}
