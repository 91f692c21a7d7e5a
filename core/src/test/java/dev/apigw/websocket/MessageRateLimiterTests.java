package dev.apigw.websocket;

import java.util.concurrent.CompletableFuture;
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
		MessageRateLimiter limiter = limiter(100);
		for (int i = 0; i < 10; i++) {
			assertThat(limiter.reserve()).isZero();
		}
		assertThat(limiter.reserve()).isEqualTo(10 * MILLI);
		assertThat(limiter.reserve()).isEqualTo(20 * MILLI);
	}

	@Test
	void tokensRefillWithTimeUpToTheCapacity() {
		MessageRateLimiter limiter = limiter(10);
		assertThat(limiter.reserve()).isZero();
		assertThat(limiter.reserve()).isEqualTo(100 * MILLI);
		this.clock.addAndGet(10_000 * MILLI);
		assertThat(limiter.reserve()).isZero();
		assertThat(limiter.reserve()).isEqualTo(100 * MILLI);
	}

	@Test
	void debtIsRepaidByElapsedTime() {
		MessageRateLimiter limiter = limiter(10);
		limiter.reserve();
		limiter.reserve();
		this.clock.addAndGet(150 * MILLI);
		assertThat(limiter.reserve()).isEqualTo(50 * MILLI);
	}

	@Test
	void acquireCompletesAtOnceWithinTheBurstAndAfterTheScheduledDelayBeyondIt() {
		CompletableFuture<Void> scheduled = new CompletableFuture<>();
		AtomicLong requestedDelay = new AtomicLong();
		MessageRateLimiter limiter = new MessageRateLimiter(10, this.clock::get, (nanos) -> {
			requestedDelay.set(nanos);
			return scheduled;
		});
		assertThat(limiter.acquire()).isCompleted();
		CompletableFuture<Void> paced = limiter.acquire();
		assertThat(paced).isNotCompleted();
		assertThat(requestedDelay).hasValue(100 * MILLI);
		scheduled.complete(null);
		assertThat(paced).isCompleted();
	}

	private MessageRateLimiter limiter(double messagesPerSecond) {
		return new MessageRateLimiter(messagesPerSecond, this.clock::get, (nanos) -> {
			throw new AssertionError("no delay expected");
		});
	}

}
