package dev.apigw.websocket.ratelimit.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.TimeMeter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.apigw.websocket.registry.LoopbackServerProcess;
import dev.apigw.websocket.registry.redis.RedisServer;
import dev.apigw.websocket.registry.redis.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RedisSendRateLimiter} against a real Redis server. Waits are read from
 * what the limiters ask their schedulers for, on a clock that moves only when told.
 */
@ExtendWith(RedisServerExtension.class)
class RedisSendRateLimiterTests {

	private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

	private static RedisClient client;

	private final String key = "test:rate:" + UUID.randomUUID();

	private final ManualClock clock = new ManualClock();

	private final List<RedisSendRateLimiter> limiters = new ArrayList<>();

	private final List<RecordingScheduler> schedulers = new ArrayList<>();

	@BeforeAll
	static void connect(RedisServer server) {
		client = RedisClient.create(RedisURI.create("redis://127.0.0.1:" + server.port()));
		client.setDefaultTimeout(Duration.ofSeconds(5));
	}

	@AfterAll
	static void disconnect() {
		if (client != null) {
			client.shutdown();
		}
	}

	@AfterEach
	void close() {
		this.limiters.forEach(RedisSendRateLimiter::close);
		this.schedulers.forEach(ScheduledThreadPoolExecutor::shutdownNow);
	}

	@Test
	void instancesSharingAKeyShareOneBucket() {
		RedisSendRateLimiter first = limiter(client, this.key, 10);
		RedisSendRateLimiter second = limiter(client, this.key, 10);
		List<CompletableFuture<?>> permits = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			permits.add(first.acquire());
			permits.add(second.acquire());
		}
		// one permit at once (a tenth of a second's worth, at least one), then one each
		// tenth of a second, whichever instance asks
		assertThat(waitsInMillis(5)).containsExactly(100L, 200L, 300L, 400L, 500L);
		CompletableFuture.allOf(permits.toArray(CompletableFuture[]::new)).join();
		assertThat(first.isShared()).isTrue();
	}

	@Test
	void instancesWithKeysOfTheirOwnArePacedApart() {
		RedisSendRateLimiter first = limiter(client, this.key + ":a", 10);
		RedisSendRateLimiter second = limiter(client, this.key + ":b", 10);
		for (int i = 0; i < 3; i++) {
			first.acquire();
			second.acquire();
		}
		assertThat(waitsInMillis(4)).containsExactly(100L, 100L, 200L, 200L);
	}

	@Test
	void throttledLowersTheRateOfEveryInstanceAndAcceptedRestoresIt() {
		RedisSendRateLimiter first = limiter(client, this.key, 100);
		RedisSendRateLimiter second = limiter(client, this.key, 100);
		first.acquire().join();
		first.throttled();
		assertThat(first.currentRate()).isCloseTo(70, within(0.01));
		awaitRateSeenBy(second, 70);
		// one decrease a second per instance: a burst of 429s is one signal
		first.throttled();
		assertThat(first.currentRate()).isCloseTo(70, within(0.01));
		// no increase in the second after a 429
		first.accepted();
		assertThat(first.currentRate()).isCloseTo(70, within(0.01));
		this.clock.advance(Duration.ofSeconds(1));
		first.accepted();
		assertThat(first.currentRate()).isCloseTo(80, within(0.01));
		awaitRateSeenBy(second, 80);
		for (int i = 0; i < 5; i++) {
			this.clock.advance(Duration.ofSeconds(1));
			first.accepted();
		}
		assertThat(first.currentRate()).isCloseTo(100, within(0.01));
		awaitRateSeenBy(second, 100);
	}

	@Test
	void throttledNeverLowersTheRateBelowATenth() {
		RedisSendRateLimiter limiter = limiter(client, this.key, 100);
		for (int i = 0; i < 20; i++) {
			this.clock.advance(Duration.ofSeconds(1));
			limiter.throttled();
		}
		assertThat(limiter.currentRate()).isCloseTo(10, within(0.01));
		awaitRateSeenBy(limiter(client, this.key, 100), 10);
	}

	@Test
	void aRedisThatStopsAnsweringIsReplacedByTheFallbackRateUntilItAnswersAgain() throws Exception {
		int port = LoopbackServerProcess.freePort();
		Process redis = startRedis(port);
		RedisClient ownClient = RedisClient.create(RedisURI.create("redis://127.0.0.1:" + port));
		try {
			RecordingScheduler scheduler = scheduler();
			RedisSendRateLimiter limiter = RedisSendRateLimiter.builder(ownClient)
				.messagesPerSecond(1000)
				.fallbackMessagesPerSecond(5)
				.key(this.key)
				.timeout(Duration.ofMillis(200))
				.build(scheduler, null);
			this.limiters.add(limiter);
			limiter.acquire().join();
			assertThat(limiter.isShared()).isTrue();

			stop(redis);
			// answered within the timeout, from the fallback bucket
			limiter.acquire().get(10, TimeUnit.SECONDS);
			assertThat(limiter.isShared()).isFalse();
			scheduler.delays.clear();
			List<CompletableFuture<?>> permits = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				permits.add(limiter.acquire());
			}
			// paced at 5 a second (a permit each 200 ms), not at 1000 a second
			assertThat(scheduler.delays).hasSize(3)
				.allSatisfy((delay) -> assertThat(delay).isGreaterThan(100 * MILLI))
				.anySatisfy((delay) -> assertThat(delay).isGreaterThan(500 * MILLI));
			CompletableFuture.allOf(permits.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

			redis = startRedis(port);
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				limiter.acquire().get(10, TimeUnit.SECONDS);
				assertThat(limiter.isShared()).isTrue();
			});
		}
		finally {
			stop(redis);
			ownClient.shutdown();
		}
	}

	@Test
	void invalidSettingsAreRefusedNamingTheArgument() {
		RedisSendRateLimiter.Builder builder = RedisSendRateLimiter.builder(client);
		assertThatIllegalArgumentException().isThrownBy(() -> builder.messagesPerSecond(0))
			.withMessage("'messagesPerSecond' must be positive, was 0.0");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.key(" ")).withMessage("'key' must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.timeout(Duration.ZERO))
			.withMessage("'timeout' must be positive, was PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.fallbackMessagesPerSecond(-1))
			.withMessage("'fallbackMessagesPerSecond' must be positive, was -1.0");
	}

	private void awaitRateSeenBy(RedisSendRateLimiter limiter, double rate) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			// a permit reports the rate once granted
			limiter.acquire().get(5, TimeUnit.SECONDS);
			assertThat(limiter.currentRate()).isCloseTo(rate, within(0.01));
		});
	}

	private RedisSendRateLimiter limiter(RedisClient redisClient, String key, double messagesPerSecond) {
		RedisSendRateLimiter limiter = RedisSendRateLimiter.builder(redisClient)
			.messagesPerSecond(messagesPerSecond)
			.key(key)
			.build(scheduler(), this.clock);
		this.limiters.add(limiter);
		return limiter;
	}

	private RecordingScheduler scheduler() {
		RecordingScheduler scheduler = new RecordingScheduler();
		this.schedulers.add(scheduler);
		return scheduler;
	}

	private List<Long> waitsInMillis(int count) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.schedulers.stream().mapToInt((scheduler) -> scheduler.delays.size()).sum(),
					(recorded) -> recorded >= count);
		return this.schedulers.stream()
			.flatMap((scheduler) -> scheduler.delays.stream())
			.map((nanos) -> Math.round(nanos / (double) MILLI))
			.sorted()
			.toList();
	}

	private static Process startRedis(int port) throws IOException {
		Process process = new ProcessBuilder(RedisServer.binary(), "--port", Integer.toString(port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		await("redis-server on port " + port).atMost(Duration.ofSeconds(10)).until(() -> ping(port));
		return process;
	}

	private static void stop(Process process) throws InterruptedException {
		process.destroy();
		if (!process.waitFor(5, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
		}
	}

	private static boolean ping(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return "+PONG"
				.equals(new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
					.readLine());
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * A scheduler that records the delays it is asked for (a permit's wait), zero delays
	 * (hand-offs) aside.
	 */
	static final class RecordingScheduler extends ScheduledThreadPoolExecutor {

		final List<Long> delays = new CopyOnWriteArrayList<>();

		RecordingScheduler() {
			super(1);
		}

		@Override
		public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
			if (delay > 0) {
				this.delays.add(unit.toNanos(delay));
			}
			return super.schedule(command, delay, unit);
		}

	}

	/**
	 * A wall clock that moves only when told.
	 */
	static final class ManualClock implements TimeMeter {

		private final AtomicLong nanos = new AtomicLong(TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()));

		void advance(Duration duration) {
			this.nanos.addAndGet(duration.toNanos());
		}

		@Override
		public long currentTimeNanos() {
			return this.nanos.get();
		}

		@Override
		public boolean isWallClockBased() {
			return true;
		}

	}

}
