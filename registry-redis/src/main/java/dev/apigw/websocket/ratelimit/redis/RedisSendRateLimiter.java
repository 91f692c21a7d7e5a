package dev.apigw.websocket.ratelimit.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.SchedulingBucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.apigw.websocket.SendRateLimiter;

/**
 * {@link SendRateLimiter} shared by every instance of an application through one token
 * bucket in Redis (Bucket4j's Lettuce integration), so that a fleet as a whole stays
 * under API Gateway's per-account request rate.
 * <p>
 * Each permit is reserved in the shared bucket (one Redis round trip; concurrent requests
 * of one instance are batched into one) and granted after the wait that the bucket
 * computed, on a scheduler: no thread is blocked. The bucket holds at most a tenth of a
 * second's permits (at least one).
 * <p>
 * The rate adapts for the whole fleet: a {@link #throttled() 429} lowers the shared rate
 * to 70% (not below a tenth of the configured rate), at most once a second per instance;
 * after a second without a 429, {@link #accepted() accepted calls} raise it by a tenth of
 * the configured rate a second, up to the configured rate.
 * <p>
 * When Redis does not answer within the timeout, permits come from a bucket in the
 * instance at the fallback rate; Redis is tried again a second later. A warning is logged
 * when Redis stops answering, and once more when it answers again.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public final class RedisSendRateLimiter implements SendRateLimiter, AutoCloseable {

	/**
	 * Key of the shared bucket unless one is set.
	 */
	public static final String DEFAULT_KEY = "apigw:ws:rate-limit";

	static final double DECREASE_FACTOR = 0.7;

	static final double FLOOR_FRACTION = 0.1;

	static final double INCREASE_FRACTION = 0.1;

	static final long ADJUST_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

	static final long RETRY_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final Log logger = LogFactory.getLog(RedisSendRateLimiter.class);

	private static final double NANOS_PER_SECOND = 1_000_000_000d;

	private final double ceiling;

	private final double floor;

	private final String key;

	private final StatefulConnection<byte[], byte[]> connection;

	private final AsyncBucketProxy bucket;

	private final SchedulingBucket fallback;

	private final ScheduledExecutorService scheduler;

	private final boolean ownsScheduler;

	private final LongSupplier nanoClock;

	private final AtomicLong adjustedAt;

	private volatile long throttledAt;

	private volatile double sharedRate;

	private volatile boolean unreachable;

	private volatile long retryAt;

	private final AtomicBoolean probing = new AtomicBoolean();

	private volatile boolean closed;

	private CompletableFuture<?> replacing = CompletableFuture.completedFuture(null);

	private RedisSendRateLimiter(Builder builder, @Nullable ScheduledExecutorService scheduler,
			@Nullable TimeMeter clock) {
		this.ceiling = builder.messagesPerSecond;
		this.floor = this.ceiling * FLOOR_FRACTION;
		this.key = builder.key;
		this.sharedRate = this.ceiling;
		this.ownsScheduler = scheduler == null;
		this.scheduler = (scheduler != null) ? scheduler : scheduler();
		this.nanoClock = (clock != null) ? clock::currentTimeNanos : System::nanoTime;
		this.adjustedAt = new AtomicLong(this.nanoClock.getAsLong() - ADJUST_INTERVAL_NANOS);
		this.throttledAt = this.nanoClock.getAsLong() - ADJUST_INTERVAL_NANOS;
		this.connection = connect(builder.client);
		ClientSideConfig config = ClientSideConfig.getDefault()
			.withRequestTimeout(builder.timeout)
			.withExpirationAfterWriteStrategy(
					ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)));
		if (clock != null) {
			config = config.withClientClock(clock);
		}
		LettuceBasedProxyManager<byte[]> proxyManager = proxyManager(this.connection, config);
		BucketConfiguration initial = configuration(this.ceiling);
		// batching: the requests of one instance wait for its request in flight and go
		// as one, so instances do not race each other's compare-and-swap one by one
		this.bucket = proxyManager.asAsync()
			.builder()
			.withOptimization(Optimizations.batching())
			.build(this.key.getBytes(StandardCharsets.UTF_8), () -> CompletableFuture.completedFuture(initial));
		this.fallback = Bucket.builder()
			.addLimit(bandwidth(
					(builder.fallbackMessagesPerSecond > 0) ? builder.fallbackMessagesPerSecond : this.ceiling))
			.withCustomTimePrecision((clock != null) ? clock : TimeMeter.SYSTEM_NANOTIME)
			.build()
			.asScheduler();
	}

	/**
	 * Return a builder of a limiter that talks to Redis through the given client.
	 * @param client a {@link RedisClient} or a {@link RedisClusterClient}, for example
	 * the native client of Spring Data Redis' {@code LettuceConnectionFactory}
	 * @return a builder
	 */
	public static Builder builder(AbstractRedisClient client) {
		Assert.notNull(client, "'client' must not be null");
		Assert.isTrue(client instanceof RedisClient || client instanceof RedisClusterClient,
				() -> "'client' must be a RedisClient or a RedisClusterClient, was " + client.getClass().getName());
		return new Builder(client);
	}

	@Override
	public CompletableFuture<@Nullable Void> acquire() {
		if (this.closed) {
			return CompletableFuture.failedFuture(new IllegalStateException("Rate limiter is closed"));
		}
		if (this.unreachable && !probe()) {
			return local();
		}
		// continued on the scheduler, never on Lettuce's event loop
		return this.bucket.asScheduler().asVerbose().consume(1, this.scheduler).handleAsync((result, failure) -> {
			if (failure != null) {
				redisFailed(failure);
				return local();
			}
			redisAnswered(rateOf(result.getConfiguration()));
			return CompletableFuture.<@Nullable Void>completedFuture(null);
		}, this.scheduler).thenCompose((ready) -> ready);
	}

	@Override
	public void throttled() {
		long now = this.nanoClock.getAsLong();
		this.throttledAt = now;
		double rate = this.sharedRate;
		double lowered = Math.max(this.floor, rate * DECREASE_FACTOR);
		if (lowered < rate && adjustmentDue(now)) {
			replace(lowered);
		}
	}

	@Override
	public void accepted() {
		double rate = this.sharedRate;
		if (rate >= this.ceiling) {
			return;
		}
		long now = this.nanoClock.getAsLong();
		if (now - this.throttledAt >= ADJUST_INTERVAL_NANOS && adjustmentDue(now)) {
			replace(Math.min(this.ceiling, rate + this.ceiling * INCREASE_FRACTION));
		}
	}

	/**
	 * Return the fleet's current rate as last seen by this instance: the configured rate
	 * unless a 429 lowered it.
	 * @return the rate in messages per second
	 */
	public double currentRate() {
		return this.sharedRate;
	}

	/**
	 * Return whether permits come from the shared bucket, rather than from the fallback
	 * bucket of this instance because Redis did not answer.
	 * @return whether the bucket in Redis is used
	 */
	public boolean isShared() {
		return !this.unreachable;
	}

	/**
	 * Close the limiter's Redis connection and scheduler; waiting permits are not
	 * granted.
	 */
	@Override
	public void close() {
		this.closed = true;
		if (this.ownsScheduler) {
			this.scheduler.shutdownNow();
		}
		// the client may have been shut down first, closing it already
		if (this.connection.isOpen()) {
			this.connection.closeAsync();
		}
	}

	// one request at a time tries Redis again once the retry interval has passed
	private boolean probe() {
		return this.nanoClock.getAsLong() - this.retryAt >= 0 && this.probing.compareAndSet(false, true);
	}

	private CompletableFuture<@Nullable Void> local() {
		return this.fallback.consume(1, this.scheduler).thenApply((ready) -> null);
	}

	private void redisFailed(Throwable failure) {
		this.retryAt = this.nanoClock.getAsLong() + RETRY_INTERVAL_NANOS;
		this.probing.set(false);
		if (!this.unreachable) {
			this.unreachable = true;
			logger.warn("Redis did not answer for the fleet's send rate limit (key '" + this.key
					+ "'): pacing this instance alone at its fallback rate until it answers again", failure);
		}
	}

	private void redisAnswered(double rate) {
		this.probing.set(false);
		if (this.unreachable) {
			this.unreachable = false;
			logger.warn("Redis answers again for the fleet's send rate limit (key '" + this.key + "')");
		}
		this.sharedRate = rate;
		if (rate > this.ceiling * 1.000001) {
			// the bucket was made by instances with a higher rate: this one's applies
			replace(this.ceiling);
		}
	}

	private boolean adjustmentDue(long now) {
		long last = this.adjustedAt.get();
		return now - last >= ADJUST_INTERVAL_NANOS && this.adjustedAt.compareAndSet(last, now);
	}

	private void replace(double rate) {
		this.sharedRate = rate;
		if (this.unreachable || this.closed) {
			return;
		}
		synchronized (this) {
			// one change at a time, in order: a later rate never lands before an earlier
			this.replacing = this.replacing.handle((done, failure) -> null)
				.thenCompose((previous) -> this.bucket.replaceConfiguration(configuration(rate),
						TokensInheritanceStrategy.AS_IS))
				.whenComplete((done, failure) -> {
					if (failure != null && logger.isDebugEnabled()) {
						logger.debug("Could not change the fleet's send rate to " + rate + " messages per second",
								failure);
					}
				});
		}
	}

	static BucketConfiguration configuration(double messagesPerSecond) {
		return BucketConfiguration.builder().addLimit(bandwidth(messagesPerSecond)).build();
	}

	// at most a tenth of a second's permits, at least one, refilled continuously
	private static Bandwidth bandwidth(double messagesPerSecond) {
		long capacity = Math.max(1, (long) (messagesPerSecond / 10));
		long periodNanos = Math.max(1, Math.round(capacity * NANOS_PER_SECOND / messagesPerSecond));
		return Bandwidth.builder().capacity(capacity).refillGreedy(capacity, Duration.ofNanos(periodNanos)).build();
	}

	static double rateOf(BucketConfiguration configuration) {
		Bandwidth bandwidth = configuration.getBandwidths()[0];
		return bandwidth.getRefillTokens() * NANOS_PER_SECOND / bandwidth.getRefillPeriodNanos();
	}

	@SuppressWarnings("unchecked")
	private static StatefulConnection<byte[], byte[]> connect(AbstractRedisClient client) {
		if (client instanceof RedisClusterClient cluster) {
			return cluster.connect(ByteArrayCodec.INSTANCE);
		}
		return ((RedisClient) client).connect(ByteArrayCodec.INSTANCE);
	}

	@SuppressWarnings("unchecked")
	private static LettuceBasedProxyManager<byte[]> proxyManager(StatefulConnection<byte[], byte[]> connection,
			ClientSideConfig config) {
		if (connection instanceof StatefulRedisClusterConnection<?, ?> cluster) {
			return LettuceBasedProxyManager.builderFor((StatefulRedisClusterConnection<byte[], byte[]>) cluster)
				.withClientSideConfig(config)
				.build();
		}
		return LettuceBasedProxyManager.builderFor((StatefulRedisConnection<byte[], byte[]>) connection)
			.withClientSideConfig(config)
			.build();
	}

	private static ScheduledExecutorService scheduler() {
		AtomicInteger threads = new AtomicInteger();
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "apigw-rate-limit-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		scheduler.setRemoveOnCancelPolicy(true);
		return scheduler;
	}

	/**
	 * Builder of a {@link RedisSendRateLimiter}.
	 */
	public static final class Builder {

		private final AbstractRedisClient client;

		private double messagesPerSecond;

		private String key = DEFAULT_KEY;

		private Duration timeout = Duration.ofMillis(500);

		private double fallbackMessagesPerSecond;

		private Builder(AbstractRedisClient client) {
			this.client = client;
		}

		/**
		 * Set the rate of the whole fleet; every instance must set the same.
		 * @param messagesPerSecond the rate, positive
		 * @return this builder
		 */
		public Builder messagesPerSecond(double messagesPerSecond) {
			Assert.isTrue(messagesPerSecond > 0 && Double.isFinite(messagesPerSecond),
					() -> "'messagesPerSecond' must be positive, was " + messagesPerSecond);
			this.messagesPerSecond = messagesPerSecond;
			return this;
		}

		/**
		 * Set the key of the shared bucket ({@value #DEFAULT_KEY} by default).
		 * @param key the key
		 * @return this builder
		 */
		public Builder key(String key) {
			Assert.hasText(key, "'key' must not be blank");
			this.key = key;
			return this;
		}

		/**
		 * Set how long a permit waits for Redis before it comes from the fallback bucket
		 * (500 ms by default).
		 * @param timeout the timeout, positive
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			Assert.notNull(timeout, "'timeout' must not be null");
			Assert.isTrue(!timeout.isNegative() && !timeout.isZero(),
					() -> "'timeout' must be positive, was " + timeout);
			this.timeout = timeout;
			return this;
		}

		/**
		 * Set the rate of this instance alone while Redis does not answer (the fleet's
		 * rate by default).
		 * @param messagesPerSecond the rate, positive
		 * @return this builder
		 */
		public Builder fallbackMessagesPerSecond(double messagesPerSecond) {
			Assert.isTrue(messagesPerSecond > 0 && Double.isFinite(messagesPerSecond),
					() -> "'fallbackMessagesPerSecond' must be positive, was " + messagesPerSecond);
			this.fallbackMessagesPerSecond = messagesPerSecond;
			return this;
		}

		/**
		 * Build the limiter and connect it to Redis.
		 * @return the limiter
		 */
		public RedisSendRateLimiter build() {
			return build(null, null);
		}

		RedisSendRateLimiter build(@Nullable ScheduledExecutorService scheduler, @Nullable TimeMeter clock) {
			Assert.state(this.messagesPerSecond > 0, "'messagesPerSecond' must be set");
			return new RedisSendRateLimiter(this, scheduler, clock);
		}

	}

}
