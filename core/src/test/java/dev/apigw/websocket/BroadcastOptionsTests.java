package dev.apigw.websocket;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link BroadcastOptions}.
 */
class BroadcastOptionsTests {

	@Test
	void defaultsToAnAdaptiveWindowOfAtMost256WithoutRateCeilingForAtMostFiveMinutes() {
		assertThat(BroadcastOptions.defaults()).isEqualTo(new BroadcastOptions(256, 0, Duration.ofMinutes(5), true))
			.isEqualTo(new BroadcastOptions(256, 0));
		assertThat(BroadcastOptions.defaults().rateLimited()).isFalse();
	}

	@Test
	void invalidValuesAreNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BroadcastOptions(0, 0))
			.withMessage("'maxConcurrency' must be at least 1, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> new BroadcastOptions(1, -1))
			.withMessage("'messagesPerSecond' must be 0 (no limit) or positive, was -1.0");
		assertThatIllegalArgumentException().isThrownBy(() -> new BroadcastOptions(1, 0, Duration.ZERO, true))
			.withMessage("'maxDuration' must be positive, was PT0S");
	}

}
