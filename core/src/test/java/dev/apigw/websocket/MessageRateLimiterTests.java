package dev.apigw.websocket;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MessageRateLimiter}, on a clock the test moves.
 */
class MessageRateLimiterTests {

	private static final long MILLI = 1_000_000;

	private final AtomicLong clock = new AtomicLong(42 * MILLI);

	@Test
	void burstOfATenthOfASecondThenPacedAtTheRate() {
		MessageRateLimiter limiter = new MessageRateLimiter(100, this.clock::get);
		for (int i = 0; i < 10; i++) {
			assertThat(limiter.reserve()).isZero();
		}
		assertThat(limiter.reserve()).isEqualTo(10 * MILLI);
		assertThat(limiter.reserve()).isEqualTo(20 * MILLI);
	}

	@Test
	void tokensRefillWithTimeUpToTheCapacity() {
		MessageRateLimiter limiter = new MessageRateLimiter(10, this.clock::get);
		assertThat(limiter.reserve()).isZero();
		assertThat(limiter.reserve()).isEqualTo(100 * MILLI);
		this.clock.addAndGet(10_000 * MILLI);
		assertThat(limiter.reserve()).isZero();
		assertThat(limiter.reserve()).isEqualTo(100 * MILLI);
	}

	@Test
	void debtIsRepaidByElapsedTime() {
		MessageRateLimiter limiter = new MessageRateLimiter(10, this.clock::get);
		limiter.reserve();
		limiter.reserve();
		this.clock.addAndGet(150 * MILLI);
		assertThat(limiter.reserve()).isEqualTo(50 * MILLI);
	}

}
