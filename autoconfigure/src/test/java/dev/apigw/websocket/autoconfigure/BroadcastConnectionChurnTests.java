package dev.apigw.websocket.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.apigw.websocket.BroadcastResult;
import dev.apigw.websocket.WebSocketConnectionTemplate;
import dev.apigw.websocket.testfixture.RateLimitedManagementServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Throttled broadcasts through the auto-configured Netty client reuse their connections:
 * a 429 costs no connection, and connections idle between broadcasts (or while a
 * broadcast is paced) stay open. Counted by the TCP connections a local server accepted.
 */
class BroadcastConnectionChurnTests {

	private static final int WINDOW = 16;

	// the Netty client's pool: the window, but at least its default of 50
	private static final int POOL = 50;

	private RateLimitedManagementServer server;

	@BeforeEach
	void startServer() {
		this.server = RateLimitedManagementServer.start();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void throttledAnswersCostNoConnection() {
		// a fixed window and no client-side rate against a rate far below what even a
		// busy machine sends: most posts are answered 429
		this.server.rateLimit(40, 5);
		List<String> ids = ids("t", 160);
		contextRunner("apigw.websocket.broadcast.adaptive=false").run((context) -> {
			BroadcastResult result = context.getBean(WebSocketConnectionTemplate.class).broadcast(ids, "news");
			assertThat(result.delivered()).hasSize(ids.size());
			assertThat(this.server.throttled()).as("429 answers").isGreaterThan(ids.size());
			assertThat(this.server.closedConnections()).as("connections closed during the broadcast").isZero();
			// the window, plus connections still on their way back to the pool when
			// the next call starts: never more than the pool
			assertThat(this.server.connections()).as("connections accepted").isLessThanOrEqualTo(POOL);
		});
	}

	@Test
	void connectionsIdleBetweenBroadcastsAreReused() {
		this.server.latency(Duration.ofMillis(20));
		contextRunner().run((context) -> {
			WebSocketConnectionTemplate template = context.getBean(WebSocketConnectionTemplate.class);
			assertThat(template.broadcast(ids("a", 300), "news").allDelivered()).isTrue();
			long opened = this.server.connections();
			assertThat(opened).as("connections of the first broadcast").isGreaterThan(4);
			// longer than the Netty client's own idle limit of 5 s: none may close
			await().during(Duration.ofSeconds(6))
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(this.server.closedConnections()).as("connections closed while idle").isZero());
			assertThat(template.broadcast(ids("b", 300), "news").allDelivered()).isTrue();
			// the second broadcast runs on the first one's connections; it may open a
			// few when a busy machine lets more calls overlap than the first one did,
			// never a fresh set
			assertThat(this.server.connections() - opened).as("connections opened by the second broadcast")
				.isLessThanOrEqualTo(opened / 2);
			assertThat(this.server.closedConnections()).as("connections closed").isZero();
		});
	}

	private ApplicationContextRunner contextRunner(String... properties) {
		return AutoConfigurationTestSupport.contextRunnerWithOwnHttpClients()
			.withPropertyValues("apigw.websocket.endpoint=" + this.server.endpoint(),
					"apigw.websocket.broadcast.max-concurrency=" + WINDOW,
					// no attempt times out on a busy machine: each would end its id
					"apigw.websocket.timeout=30s")
			.withPropertyValues(properties);
	}

	private static List<String> ids(String prefix, int count) {
		return IntStream.range(0, count).mapToObj((i) -> prefix + i).toList();
	}

}
