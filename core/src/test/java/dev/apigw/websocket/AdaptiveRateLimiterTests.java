package dev.apigw.websocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link AdaptiveRateLimiter}, on a clock the test moves.
 */
class AdaptiveRateLimiterTests {

	private final ManualScheduler scheduler = new ManualScheduler();

	private final AdaptiveRateLimiter limiter = new AdaptiveRateLimiter(0, this.scheduler::nanoTime,
			this.scheduler::delay);

	@Test
	void unlimitedUntilThrottled() {
		for (int i = 0; i < 10_000; i++) {
			assertThat(this.limiter.acquire()).isCompleted();
		}
		assertThat(this.limiter.rate()).isInfinite();
		assertThat(this.scheduler.pending()).isZero();
	}

	@Test
	void firstThrottleDropsToNinetyPercentOfTheRateAcceptedInTheLastSecond() {
		acceptFor(Duration.ofMillis(1500), 100);
		this.limiter.throttled();
		assertThat(this.limiter.measured()).isCloseTo(100, within(2.0));
		assertThat(this.limiter.rate()).isCloseTo(90, within(2.0));
	}

	@Test
	void whileThrottlingGoesOnTheRateIsWhatTheServiceAcceptsSinceTheFirst429() {
		// a burst: 500 accepted in half a second, then the service's bucket is empty
		acceptFor(Duration.ofMillis(500), 1000);
		this.limiter.throttled();
		assertThat(this.limiter.measured()).as("not yet known").isNaN();
		// the service now accepts 200 per second and refuses the rest
		for (int i = 0; i < 20; i++) {
			this.scheduler.advance(Duration.ofMillis(5));
			this.limiter.accepted();
			this.limiter.throttled();
		}
		assertThat(this.limiter.measured()).isCloseTo(200, within(20.0));
		assertThat(this.limiter.rate()).isCloseTo(0.9 * this.limiter.measured(), within(1.0));
	}

	@Test
	void climbsBackQuicklyToTheMeasuredRateThenProbesBeyondItSlowly() {
		acceptFor(Duration.ofMillis(1500), 100);
		this.limiter.throttled();
		this.scheduler.advance(Duration.ofMillis(500));
		assertThat(this.limiter.rate()).isBetween(99.0, 100.5);
		this.scheduler.advance(Duration.ofSeconds(2));
		assertThat(this.limiter.rate()).isBetween(100.5, 115.0);
	}

	@Test
	void withoutAMeasuredRateItDoublesPerSecond() {
		acceptFor(Duration.ofMillis(500), 100);
		this.limiter.throttled();
		assertThat(this.limiter.rate()).isCloseTo(45, within(1.0));
		this.scheduler.advance(Duration.ofMillis(200));
		this.limiter.rate();
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.limiter.rate()).isCloseTo(90, within(10.0));
	}

	@Test
	void waitingCallersAreReleasedInOrderAtTheCurrentRate() {
		acceptFor(Duration.ofMillis(1500), 100);
		this.limiter.throttled();
		List<CompletableFuture<Void>> permits = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			permits.add(this.limiter.acquire());
		}
		assertThat(permits).noneMatch(CompletableFuture::isDone);
		assertThat(this.scheduler.pending()).as("one timer for every waiting caller").isOne();
		this.scheduler.advance(Duration.ofMillis(12));
		assertThat(permits.get(0)).isCompleted();
		assertThat(permits.get(1)).isNotCompleted();
		this.scheduler.advance(Duration.ofMillis(12));
		assertThat(permits.get(1)).isCompleted();
		assertThat(permits.get(2)).isNotCompleted();
	}

	@Test
	void aLone429AmongFewCallsLeavesTheRateAlone() {
		for (int i = 0; i < 3; i++) {
			this.limiter.accepted();
		}
		this.limiter.throttled();
		assertThat(this.limiter.rate()).isInfinite();
		assertThat(this.limiter.acquire()).isCompleted();
	}

	@Test
	void configuredRateIsTheCeiling() {
		AdaptiveRateLimiter limited = new AdaptiveRateLimiter(10, this.scheduler::nanoTime, this.scheduler::delay);
		assertThat(limited.acquire()).isCompleted();
		CompletableFuture<Void> second = limited.acquire();
		assertThat(second).isNotCompleted();
		this.scheduler.advance(Duration.ofMillis(101));
		assertThat(second).isCompleted();
		for (int i = 0; i < 30; i++) {
			this.scheduler.advance(Duration.ofMillis(100));
			limited.accepted();
		}
		assertThat(limited.rate()).isEqualTo(10);
	}

	// accepted calls at an even rate for a while
	private void acceptFor(Duration duration, int perSecond) {
		long calls = duration.toMillis() * perSecond / 1000;
		Duration step = Duration.ofNanos(1_000_000_000L / perSecond);
		for (long i = 0; i < calls; i++) {
			this.scheduler.advance(step);
			this.limiter.accepted();
		}
	}

}
