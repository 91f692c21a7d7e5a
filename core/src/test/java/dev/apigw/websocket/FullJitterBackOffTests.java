package dev.apigw.websocket;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FullJitterBackOff}.
 */
class FullJitterBackOffTests {

	private final FullJitterBackOff backOff = new FullJitterBackOff(
			new RetrySettings(10, Duration.ofMillis(100), 2.0, Duration.ofSeconds(2), Duration.ofSeconds(30), true));

	@Test
	void ceilingGrowsExponentiallyUpToTheMaximum() {
		assertThat(IntStream.range(0, 7).mapToLong(this.backOff::ceilingMillis)).containsExactly(100L, 200L, 400L, 800L,
				1600L, 2000L, 2000L);
	}

	@Test
	void delaysAreSpreadBetweenZeroAndTheCeiling() {
		List<Long> firstDelays = delays(0, 500);
		assertThat(firstDelays).allSatisfy((delay) -> assertThat(delay).isBetween(0L, 100L));
		// full jitter, not "half the ceiling plus jitter": delays reach the lower half
		assertThat(firstDelays).anySatisfy((delay) -> assertThat(delay).isLessThan(50L));
		assertThat(firstDelays).anySatisfy((delay) -> assertThat(delay).isGreaterThanOrEqualTo(50L));
	}

	@Test
	void laterRetriesDrawBelowTheirOwnLargerCeiling() {
		List<Long> laterDelays = delays(5, 50);
		assertThat(laterDelays).allSatisfy((delay) -> assertThat(delay).isBetween(0L, 2000L));
		assertThat(laterDelays).anySatisfy((delay) -> assertThat(delay).isGreaterThan(100L));
	}

	private List<Long> delays(int retry, int count) {
		return IntStream.range(0, count).mapToObj((i) -> this.backOff.delayMillis(retry)).toList();
	}

}
