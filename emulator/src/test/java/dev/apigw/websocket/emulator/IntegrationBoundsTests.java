package dev.apigw.websocket.emulator;

import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Bounds of HTTP integrations and in-process route handlers (concurrency, timeout,
 * response size), driven by real WebSocket clients against a real HTTP server.
 */
class IntegrationBoundsTests {

	private static final String INTERNAL_SERVER_ERROR = "{\"message\":\"Internal server error\"";

	private final CountDownLatch release = new CountDownLatch(1);

	private WebSocketApiEmulator emulator;

	private ScriptedHttpIntegration app;

	@AfterEach
	void stop() {
		this.release.countDown();
		if (this.emulator != null) {
			this.emulator.close();
		}
		if (this.app != null) {
			this.app.close();
		}
	}

	@Test
	void handlerCallsOverTheConcurrencyLimitAreRefusedLoggedAndThePermitComesBack() throws Exception {
		CountDownLatch holding = new CountDownLatch(1);
		RouteIntegration handler = RouteIntegration.handler((request) -> {
			String body = new String(request.body());
			if ("hold".equals(body)) {
				holding.countDown();
				this.release.await(10, TimeUnit.SECONDS);
				return RouteResponse.ok("released");
			}
			return RouteResponse.ok("ok " + body);
		});
		this.emulator = WebSocketApiEmulator.builder()
			.maxConcurrentIntegrations(1)
			.route("$connect", handler)
			.route("$default", handler.withRouteResponse())
			.start();
		try (LogCapture log = new LogCapture();
				WebSocketTestClient holder = WebSocketTestClient.connect(this.emulator);
				WebSocketTestClient other = WebSocketTestClient.connect(this.emulator)) {
			holder.send("hold");
			assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
			other.send("second");
			assertThat(other.awaitMessages(1).get(0)).startsWith(INTERNAL_SERVER_ERROR).contains(other.connectionId());
			assertThatIllegalStateException().isThrownBy(() -> WebSocketTestClient.connect(this.emulator))
				.havingCause()
				.isInstanceOfSatisfying(WebSocketHandshakeException.class,
						(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(500));
			await().until(() -> log.messages.stream()
				.anyMatch((line) -> line.contains("1 integration calls are running")
						&& line.contains("maxConcurrentIntegrations(...)")));
			this.release.countDown();
			assertThat(holder.awaitMessages(1)).containsExactly("released");
			other.send("third");
			assertThat(other.awaitMessages(2).get(1)).isEqualTo("ok third");
			try (WebSocketTestClient late = WebSocketTestClient.connect(this.emulator)) {
				late.send("fourth");
				assertThat(late.awaitMessages(1)).containsExactly("ok fourth");
			}
		}
	}

	@Test
	void handlerThatOverrunsItsTimeoutIsInterruptedAnsweredLoggedAndThePermitComesBack() {
		AtomicBoolean interrupted = new AtomicBoolean();
		RouteIntegration handler = RouteIntegration.handler((request) -> {
			if ("slow".equals(new String(request.body()))) {
				try {
					this.release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					interrupted.set(true);
				}
				return RouteResponse.ok("too late");
			}
			return RouteResponse.ok("fast");
		});
		this.emulator = WebSocketApiEmulator.builder()
			.maxConcurrentIntegrations(1)
			.integrationTimeout(Duration.ofMillis(300))
			.route("$default", handler.withRouteResponse())
			.start();
		try (LogCapture log = new LogCapture();
				WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("slow");
			assertThat(client.awaitMessages(1).get(0)).startsWith(INTERNAL_SERVER_ERROR);
			await().untilTrue(interrupted);
			await().until(() -> log.messages.stream()
				.anyMatch(
						(line) -> line.contains("timed out after PT0.3S") && line.contains("integrationTimeout(...)")));
			client.send("next");
			assertThat(client.awaitMessages(2).get(1)).isEqualTo("fast");
			await().during(Duration.ofMillis(300)).until(() -> client.messages().size() == 2);
		}
	}

	@Test
	void handlerThatIgnoresTheInterruptKeepsItsThreadAndNoOtherThreadIsStarted() {
		AtomicInteger calls = new AtomicInteger();
		RouteIntegration handler = RouteIntegration.handler((request) -> {
			calls.incrementAndGet();
			if ("stuck".equals(new String(request.body()))) {
				awaitIgnoringInterrupts(this.release);
				return RouteResponse.ok("too late");
			}
			return RouteResponse.ok("fast");
		});
		this.emulator = WebSocketApiEmulator.builder()
			.maxConcurrentIntegrations(1)
			.integrationTimeout(Duration.ofMillis(300))
			.route("$default", handler.withRouteResponse())
			.start();
		try (LogCapture log = new LogCapture();
				WebSocketTestClient stuck = WebSocketTestClient.connect(this.emulator);
				WebSocketTestClient other = WebSocketTestClient.connect(this.emulator)) {
			stuck.send("stuck");
			assertThat(stuck.awaitMessages(1).get(0)).startsWith(INTERNAL_SERVER_ERROR);
			// its permit is back, but the one handler thread is still held: the next call
			// waits for it and times out without being called
			other.send("waits");
			assertThat(other.awaitMessages(1).get(0)).startsWith(INTERNAL_SERVER_ERROR);
			await().during(Duration.ofMillis(300)).until(() -> calls.get() == 1);
			this.release.countDown();
			other.send("after");
			assertThat(other.awaitMessages(2).get(1)).isEqualTo("fast");
			assertThat(calls).hasValue(2);
		}
	}

	@Test
	void quickHandlerCallsReuseIdleThreads() {
		Set<String> threads = ConcurrentHashMap.newKeySet();
		RouteIntegration handler = RouteIntegration.handler((request) -> {
			threads.add(Thread.currentThread().getName());
			return RouteResponse.ok("done");
		});
		this.emulator = WebSocketApiEmulator.builder().route("$default", handler.withRouteResponse()).start();
		int messages = 200;
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			for (int i = 1; i <= messages; i++) {
				client.send("quick");
				assertThat(client.awaitMessages(i)).last().isEqualTo("done");
			}
		}
		// one call at a time: a thread per call would be 200 (the limit is 1,000)
		assertThat(threads).as("handler threads for %d calls one after another", messages).hasSizeLessThan(5);
	}

	private static void awaitIgnoringInterrupts(CountDownLatch latch) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (latch.getCount() > 0 && System.nanoTime() < deadline) {
			try {
				latch.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				// ignored on purpose: a handler that does not stop when interrupted
			}
		}
	}

	@Test
	void httpCallsOverTheConcurrencyLimitAreRefusedAndThePermitComesBack() {
		this.app = new ScriptedHttpIntegration();
		this.app.script((body) -> "hold".equals(body) ? ScriptedHttpIntegration.Answer.heldUntilReleased()
				: ScriptedHttpIntegration.Answer.declared(2));
		this.emulator = WebSocketApiEmulator.builder()
			.maxConcurrentIntegrations(1)
			.route("$default", RouteIntegration.http(this.app.uri()).withRouteResponse())
			.start();
		try (LogCapture log = new LogCapture();
				WebSocketTestClient holder = WebSocketTestClient.connect(this.emulator);
				WebSocketTestClient other = WebSocketTestClient.connect(this.emulator)) {
			holder.send("hold");
			await().until(() -> this.app.held.get() == 1);
			other.send("second");
			assertThat(other.awaitMessages(1).get(0)).startsWith(INTERNAL_SERVER_ERROR);
			await().until(
					() -> log.messages.stream().anyMatch((line) -> line.contains("1 integration calls are running")));
			this.app.release();
			assertThat(holder.awaitMessages(1)).containsExactly("xx");
			other.send("third");
			assertThat(other.awaitMessages(2).get(1)).isEqualTo("xx");
		}
	}

	@Test
	void httpIntegrationThatOverrunsItsTimeoutIsAnsweredAndLogged() {
		this.app = new ScriptedHttpIntegration();
		this.app.script((body) -> "hold".equals(body) ? ScriptedHttpIntegration.Answer.heldUntilReleased()
				: ScriptedHttpIntegration.Answer.declared(2));
		this.emulator = WebSocketApiEmulator.builder()
			.maxConcurrentIntegrations(1)
			.integrationTimeout(Duration.ofMillis(300))
			.route("$default", RouteIntegration.http(this.app.uri()).withRouteResponse())
			.start();
		try (LogCapture log = new LogCapture();
				WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("hold");
			assertThat(client.awaitMessages(1).get(0)).startsWith(INTERNAL_SERVER_ERROR);
			await().until(() -> log.messages.stream().anyMatch((line) -> line.contains("timed out after PT0.3S")));
			client.send("next");
			assertThat(client.awaitMessages(2).get(1)).isEqualTo("xx");
		}
	}

	@Test
	void routeResponseDeclaredOverTheSizeLimitIsAFailedIntegrationAndItsStreamIsCutOff() {
		int big = 64 * 1024 * 1024;
		startWithSizeLimit((body) -> switch (body) {
			case "big" -> ScriptedHttpIntegration.Answer.declared(big);
			case "one over" -> ScriptedHttpIntegration.Answer.declared(1001);
			default -> ScriptedHttpIntegration.Answer.declared(1000);
		});
		try (LogCapture log = new LogCapture();
				WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("big");
			assertThat(client.awaitMessages(1).get(0)).startsWith(INTERNAL_SERVER_ERROR);
			await().until(() -> log.messages.stream()
				.anyMatch((line) -> line.contains("response of " + big + " bytes is over 1000 bytes")
						&& line.contains("maxIntegrationResponseBytes(...) or --integration-max-response")));
			await().until(() -> this.app.cutOff.get() == 1);
			client.send("one over");
			assertThat(client.awaitMessages(2).get(1)).startsWith(INTERNAL_SERVER_ERROR);
			client.send("at the limit");
			assertThat(client.awaitMessages(3).get(2)).isEqualTo("x".repeat(1000));
		}
	}

	@Test
	void routeResponseStreamedOverTheSizeLimitIsAFailedIntegrationAndItsStreamIsCutOff() {
		startWithSizeLimit((body) -> switch (body) {
			case "big" -> ScriptedHttpIntegration.Answer.chunked(64 * 1024 * 1024);
			case "one over" -> ScriptedHttpIntegration.Answer.chunked(1001);
			default -> ScriptedHttpIntegration.Answer.chunked(1000);
		});
		try (LogCapture log = new LogCapture();
				WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("big");
			assertThat(client.awaitMessages(1).get(0)).startsWith(INTERNAL_SERVER_ERROR);
			await().until(() -> log.messages.stream()
				.anyMatch((line) -> line.contains("response of more bytes is over 1000 bytes")
						&& line.contains("maxIntegrationResponseBytes(...) or --integration-max-response")));
			await().until(() -> this.app.cutOff.get() == 1);
			client.send("one over");
			assertThat(client.awaitMessages(2).get(1)).startsWith(INTERNAL_SERVER_ERROR);
			client.send("at the limit");
			assertThat(client.awaitMessages(3).get(2)).isEqualTo("x".repeat(1000));
		}
	}

	private void startWithSizeLimit(Function<String, ScriptedHttpIntegration.Answer> script) {
		this.app = new ScriptedHttpIntegration();
		this.app.script(script);
		this.emulator = WebSocketApiEmulator.builder()
			.maxIntegrationResponseBytes(1000)
			.route("$default", RouteIntegration.http(this.app.uri()).withRouteResponse())
			.start();
	}

	@Test
	void connectAnswerOverTheSizeLimitRefusesTheHandshake() {
		this.app = new ScriptedHttpIntegration();
		this.app.script((body) -> ScriptedHttpIntegration.Answer.chunked(2000));
		this.emulator = WebSocketApiEmulator.builder()
			.maxIntegrationResponseBytes(1000)
			.route("$connect", RouteIntegration.http(this.app.uri()))
			.start();
		assertThatIllegalStateException().isThrownBy(() -> WebSocketTestClient.connect(this.emulator))
			.havingCause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(500));
	}

	@Test
	void bodyOfARouteWithoutRouteResponseIsDroppedWhateverItsSize() {
		this.app = new ScriptedHttpIntegration();
		this.app.script((body) -> ScriptedHttpIntegration.Answer.chunked(5000));
		this.emulator = WebSocketApiEmulator.builder()
			.maxIntegrationResponseBytes(1000)
			.route("$default", RouteIntegration.http(this.app.uri()))
			.start();
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("hello");
			await().during(Duration.ofMillis(300)).until(() -> client.messages().isEmpty());
			assertThat(this.app.cutOff).hasValue(0);
		}
	}

}
