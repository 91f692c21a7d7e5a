package dev.apigw.websocket.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.apigw.websocket.BroadcastResult;
import dev.apigw.websocket.WebSocketConnectionTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Closing the application context during a broadcast: the template stops before the SDK
 * clients are closed, the posts in flight finish and are reported delivered, the ids not
 * yet posted to are reported not attempted, and the close ends once they have finished.
 */
class WebSocketAutoConfigurationShutdownTests {

	private static final int WINDOW = 16;

	private static final String CONNECTIONS = "/prod/@connections/";

	private final Set<String> received = ConcurrentHashMap.newKeySet();

	private WireMockServer server;

	@BeforeEach
	void startServer() {
		this.server = new WireMockServer(options().bindAddress("127.0.0.1")
			.dynamicPort()
			.containerThreads(WINDOW + 10)
			.extensions(new ServeEventListener() {

				@Override
				public void beforeMatch(ServeEvent serveEvent, Parameters parameters) {
					WebSocketAutoConfigurationShutdownTests.this.received
						.add(serveEvent.getRequest().getUrl().substring(CONNECTIONS.length()));
				}

				@Override
				public String getName() {
					return "received";
				}

			}));
		this.server.start();
		// slower than a close takes, faster than the attempt timeout
		this.server.stubFor(post(urlPathMatching(CONNECTIONS + ".*"))
			.willReturn(aResponse().withStatus(200).withFixedDelay(1_500)));
	}

	@AfterEach
	void stopServer() {
		this.server.stop();
	}

	@Test
	void broadcastInFlightAtCloseReportsDeliveredAndNotAttemptedAndTheCloseEnds() {
		List<String> ids = IntStream.range(0, 200).mapToObj((i) -> "c" + i).toList();
		// the clients the auto-configuration builds, with their own Netty event loop, as
		// in an application
		AutoConfigurationTestSupport.contextRunnerWithOwnHttpClients()
			.withPropertyValues("apigw.websocket.endpoint=http://127.0.0.1:" + this.server.port() + "/prod",
					"apigw.websocket.broadcast.max-concurrency=" + WINDOW)
			.run((context) -> {
				WebSocketConnectionTemplate template = context.getBean(WebSocketConnectionTemplate.class);
				CompletableFuture<BroadcastResult> broadcast = template.broadcastAsync(ids, "news");
				await().atMost(Duration.ofSeconds(10)).until(() -> this.received.size() == WINDOW);

				long closing = System.nanoTime();
				CompletableFuture<Void> closed = CompletableFuture.runAsync(context::close);
				await().atMost(Duration.ofSeconds(30)).until(closed::isDone);
				// a figure for the record, not an assertion
				System.out.println("Context closed " + Duration.ofNanos(System.nanoTime() - closing).toMillis()
						+ " ms after it was asked to, during a broadcast");

				assertThat(closed).isCompleted();
				assertThat(broadcast).isCompleted();
				BroadcastResult result = broadcast.join();
				assertThat(result.delivered()).hasSize(WINDOW).containsExactlyInAnyOrderElementsOf(this.received);
				assertThat(result.notAttempted()).hasSize(ids.size() - WINDOW)
					.doesNotContainAnyElementsOf(this.received);
				assertThat(result.failed()).isEmpty();
				assertThat(result.gone()).isEmpty();
				assertThatIllegalStateException().isThrownBy(() -> template.send("late", "hi"))
					.withMessageContaining("WebSocketConnectionTemplate is stopped");
				await().during(Duration.ofMillis(300))
					.atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertThat(this.received).hasSize(WINDOW));
			});
	}

}
