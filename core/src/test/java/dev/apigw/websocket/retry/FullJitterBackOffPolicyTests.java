package dev.apigw.websocket.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.retry.backoff.BackOffContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FullJitterBackOffPolicy}.
 */
class FullJitterBackOffPolicyTests {

	private final RetrySettings settings = new RetrySettings(10, Duration.ofMillis(100), 2.0, Duration.ofSeconds(2),
			Duration.ofSeconds(30), true);

	@Test
	void ceilingGrowsExponentiallyUpToTheMaximum() {
		FullJitterBackOffPolicy policy = new FullJitterBackOffPolicy(this.settings);
		assertThat(IntStream.range(0, 7).mapToLong(policy::ceilingMillis))
			.containsExactly(100L, 200L, 400L, 800L, 1600L, 2000L, 2000L);
	}

	@Test
	void delaysAreSpreadBetweenZeroAndTheCeiling() {
		FullJitterBackOffPolicy policy = new FullJitterBackOffPolicy(this.settings);
		List<Long> firstDelays = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			firstDelays.add(policy.nextDelayMillis(policy.start(null)));
		}
		assertThat(firstDelays).allSatisfy((delay) -> assertThat(delay).isBetween(0L, 100L));
		// full jitter, not "half the ceiling plus jitter": delays reach the lower half
		assertThat(firstDelays).anySatisfy((delay) -> assertThat(delay).isLessThan(50L));
		assertThat(firstDelays).anySatisfy((delay) -> assertThat(delay).isGreaterThanOrEqualTo(50L));
	}

	@Test
	void blockingBackOffSleepsTheDelayOfEachRetryInTurn() {
		List<Long> sleeps = new ArrayList<>();
		FullJitterBackOffPolicy policy = new FullJitterBackOffPolicy(this.settings, sleeps::add);
		BackOffContext context = policy.start(null);
		for (int i = 0; i < 50; i++) {
			policy.backOff(context);
		}
		assertThat(sleeps).hasSize(50).allSatisfy((delay) -> assertThat(delay).isBetween(0L, 2000L));
		// the ceiling grows per retry of one context: later delays exceed the first ceiling
		assertThat(sleeps.subList(5, 50)).anySatisfy((delay) -> assertThat(delay).isGreaterThan(100L));
	}

}
