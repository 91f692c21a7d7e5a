package dev.apigw.websocket;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RetrySettings}.
 */
class RetrySettingsTests {

	@Test
	void defaultsMatchTheDocumentedValues() {
		assertThat(RetrySettings.defaults()).isEqualTo(
				new RetrySettings(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(2), Duration.ofSeconds(10), true));
	}

	@Test
	void invalidValuesAreNamed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetrySettings(0, Duration.ZERO, 2, Duration.ZERO, Duration.ofSeconds(1), true))
			.withMessage("'maxAttempts' must be at least 1, was 0");
		assertThatIllegalArgumentException().isThrownBy(
				() -> new RetrySettings(3, Duration.ofSeconds(1), 2, Duration.ofMillis(1), Duration.ofSeconds(1), true))
			.withMessageContaining("'maxBackoff' (PT0.001S) must not be smaller than 'initialBackoff' (PT1S)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetrySettings(3, Duration.ZERO, 0.5, Duration.ZERO, Duration.ofSeconds(1), true))
			.withMessage("'multiplier' must be at least 1, was 0.5");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetrySettings(3, Duration.ZERO, 2, Duration.ZERO, Duration.ZERO, true))
			.withMessageContaining("'maxElapsed' must be positive");
	}

}
