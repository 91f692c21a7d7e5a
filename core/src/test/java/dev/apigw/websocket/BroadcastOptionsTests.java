package dev.apigw.websocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link BroadcastOptions}.
 */
class BroadcastOptionsTests {

	@Test
	void defaultsToSixtyFourInFlightWithoutRateLimit() {
		assertThat(BroadcastOptions.defaults()).isEqualTo(new BroadcastOptions(64, 0));
		assertThat(BroadcastOptions.defaults().rateLimited()).isFalse();
	}

	@Test
	void invalidValuesAreNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BroadcastOptions(0, 0))
			.withMessage("'maxConcurrency' must be at least 1, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> new BroadcastOptions(1, -1))
			.withMessage("'messagesPerSecond' must be 0 (no limit) or positive, was -1.0");
	}

}
