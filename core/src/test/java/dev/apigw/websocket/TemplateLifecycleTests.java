package dev.apigw.websocket;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.SmartLifecycle;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * {@link WebSocketConnectionTemplate} as a {@link SmartLifecycle}: once stopped it
 * refuses new operations and starts no retry or further broadcast post, and its stop
 * waits, up to the shutdown timeout, for the calls in flight.
 */
class TemplateLifecycleTests {

	@RegisterExtension
	static final ManagementApiExtension api = new ManagementApiExtension();

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void stoppedTemplateRefusesEveryOperationAndSendsNothing() {
		WebSocketConnectionTemplate template = api.templateBuilder().build();
		assertThat(template.isRunning()).isTrue();
		template.stop();
		assertThat(template.isRunning()).isFalse();

		assertThatIllegalStateException().isThrownBy(() -> template.send("abc", "hi"))
			.withMessage("WebSocketConnectionTemplate is stopped (the application is shutting down): "
					+ "PostToConnection for connection 'abc' was not sent");
		assertThatIllegalStateException().isThrownBy(() -> template.sendAsync("abc", new byte[] { 1 }))
			.withMessageContaining("PostToConnection for connection 'abc'");
		assertThatIllegalStateException().isThrownBy(() -> template.getConnection("abc"))
			.withMessageContaining("GetConnection for connection 'abc'");
		assertThatIllegalStateException().isThrownBy(() -> template.disconnectAsync("abc"))
			.withMessageContaining("DeleteConnection for connection 'abc'");
		assertThatIllegalStateException().isThrownBy(() -> template.broadcast(List.of("a", "b"), "hi"))
			.withMessageContaining("a broadcast to 2 connection(s) was not sent");
		await().during(Duration.ofMillis(300))
			.atMost(WAIT)
			.untilAsserted(() -> assertThat(api.arrivals().count()).isZero());
	}

	@Test
	void startedAgainTemplateSends() {
		api.server().stubFor(any(anyUrl()).willReturn(ManagementApiStubs.ok()));
		WebSocketConnectionTemplate template = api.templateBuilder().build();
		template.stop();
		template.start();
		template.send("abc", "hi");
		assertThat(api.arrivals().count()).isOne();
	}

	@Test
	void broadcastInFlightDeliversItsStartedPostsAndReportsTheOthersNotAttempted() {
		api.server().stubFor(any(anyUrl()).willReturn(ManagementApiStubs.ok().withFixedDelay(500)));
		List<String> ids = IntStream.range(0, 100).mapToObj((i) -> "c" + i).toList();
		WebSocketConnectionTemplate template = api.templateBuilder()
			.broadcastOptions(new BroadcastOptions(8, 0))
			.build();
		CompletableFuture<BroadcastResult> broadcast = template.broadcastAsync(ids, "news");
		await().atMost(WAIT).until(() -> api.arrivals().count() == 8);

		CountDownLatch stopped = new CountDownLatch(1);
		template.stop(stopped::countDown);

		await().atMost(WAIT).until(() -> stopped.getCount() == 0);
		assertThat(broadcast).isCompleted();
		BroadcastResult result = broadcast.join();
		assertThat(result.delivered()).isEqualTo(ids.subList(0, 8));
		assertThat(result.notAttempted()).isEqualTo(ids.subList(8, 100));
		assertThat(result.failed()).isEmpty();
		assertThat(result.allDelivered()).isFalse();
		assertThat(result.total()).isEqualTo(100);
		await().during(Duration.ofMillis(300))
			.atMost(WAIT)
			.untilAsserted(() -> assertThat(api.arrivals().count()).isEqualTo(8));
	}

	@Test
	void rateLimitedPostsWaitingForTheirTurnAreNotAttemptedOnceStopped() {
		api.server().stubFor(any(anyUrl()).willReturn(ManagementApiStubs.ok()));
		ManualScheduler scheduler = new ManualScheduler();
		WebSocketConnectionTemplate template = api.templateBuilder()
			.broadcastOptions(new BroadcastOptions(64, 10))
			.rateLimiter(new MessageRateLimiter(10, scheduler::nanoTime, scheduler::delay))
			.build();
		// a burst of 1, then one every 100ms on a clock that does not move
		CompletableFuture<BroadcastResult> broadcast = template.broadcastAsync(List.of("a", "b", "c"), "news");
		await().atMost(WAIT).until(() -> api.arrivals().count() == 1);

		template.stop();

		assertThat(broadcast).succeedsWithin(WAIT).satisfies((result) -> {
			assertThat(result.delivered()).containsExactly("a");
			assertThat(result.notAttempted()).containsExactly("b", "c");
		});
		assertThat(api.arrivals().count()).isOne();
	}

	@Test
	void callInFlightEndsWithItsLastFailureInsteadOfARetryOnceStopped() {
		api.server().stubFor(any(anyUrl()).willReturn(ManagementApiStubs.error(429, "LimitExceededException")));
		StopAfterFirstAttempt stopper = new StopAfterFirstAttempt();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(stopper);
		WebSocketConnectionTemplate template = api.templateBuilder()
			.retrySettings(ManagementApiClients.fastRetries(5))
			.observationRegistry(observations)
			.build();
		stopper.template = template;

		assertThatExceptionOfType(ManagementThrottledException.class).isThrownBy(() -> template.send("abc", "hi"));
		template.start();
		assertThat(template.sendAsync("abc", "hi")).failsWithin(WAIT)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(ManagementThrottledException.class);

		await().during(Duration.ofMillis(300))
			.atMost(WAIT)
			.untilAsserted(() -> assertThat(api.arrivals().count()).isEqualTo(2));
	}

	@Test
	void stopWaitsNoLongerThanTheShutdownTimeoutForACallInFlight() {
		api.server().stubFor(any(anyUrl()).willReturn(ManagementApiStubs.ok().withFixedDelay(3_000)));
		WebSocketConnectionTemplate template = api.templateBuilder()
			.retrySettings(RetrySettings.noRetries())
			.shutdownTimeout(Duration.ofMillis(100))
			.build();
		CompletableFuture<Void> slow = template.sendAsync("abc", "hi");
		await().atMost(WAIT).until(() -> api.arrivals().count() == 1);

		CountDownLatch stopped = new CountDownLatch(1);
		template.stop(stopped::countDown);

		await().atMost(Duration.ofSeconds(2)).until(() -> stopped.getCount() == 0);
		assertThat(slow).isNotDone();
		assertThat(slow).succeedsWithin(WAIT);
	}

	@Test
	void phaseIsBelowSpringBootsWebServerPhases() {
		WebSocketConnectionTemplate template = api.templateBuilder().build();
		// 2048 below the default is where Spring Boot starts and stops the web server
		assertThat(template.getPhase()).isEqualTo(WebSocketConnectionTemplate.PHASE)
			.isLessThan(SmartLifecycle.DEFAULT_PHASE - 2048);
		assertThat(template.isAutoStartup()).isTrue();
	}

	@Test
	void negativeShutdownTimeoutIsRejected() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> api.templateBuilder().shutdownTimeout(Duration.ofSeconds(-1)))
			.withMessage("'shutdownTimeout' must not be negative, was PT-1S");
	}

	/**
	 * Stops the template when the first attempt of a call has failed, before the retry
	 * layer decides on a retry.
	 */
	static final class StopAfterFirstAttempt implements ObservationHandler<Observation.Context> {

		volatile WebSocketConnectionTemplate template;

		@Override
		public void onStop(Observation.Context context) {
			this.template.stop(() -> {
			});
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}
