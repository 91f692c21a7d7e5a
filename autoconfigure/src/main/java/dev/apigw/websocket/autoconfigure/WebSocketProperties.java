package dev.apigw.websocket.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.apigw.websocket.DeliveryMode;

/**
 * Configuration properties for the API Gateway WebSocket management client.
 *
 * @since 0.1.0
 */
@ConfigurationProperties(WebSocketProperties.PREFIX)
public class WebSocketProperties {

	/**
	 * Prefix of these properties.
	 */
	public static final String PREFIX = "apigw.websocket";

	/**
	 * Whether to auto-configure the API Gateway WebSocket management client.
	 */
	private boolean enabled = true;

	/**
	 * Management endpoint of the WebSocket API, including the stage, for example
	 * 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod', or a custom domain with
	 * its base path. 'wss://' is accepted and normalised to 'https://'. Plain 'http://'
	 * is accepted for loopback hosts only.
	 */
	private @Nullable String endpoint;

	/**
	 * Identifier of the WebSocket API, used with 'stage' and 'region' to build the
	 * endpoint when 'endpoint' is not set.
	 */
	private @Nullable String apiId;

	/**
	 * Stage of the WebSocket API. Required with 'api-id'; with 'endpoint', appended when
	 * the endpoint has no path.
	 */
	private @Nullable String stage;

	/**
	 * Region of the WebSocket API. Derived from execute-api hosts; required for custom
	 * domains. Defaults to the region resolved by Spring Cloud AWS.
	 */
	private @Nullable String region;

	/**
	 * Timeout of each attempt of a management call.
	 */
	private Duration timeout = Duration.ofSeconds(5);

	/**
	 * Delivery guarantee of posts to connections. 'at-most-once' never repeats a post
	 * that may have reached API Gateway (attempt timeout, connection reset, 5xx other
	 * than 503): no message is delivered twice, and such a failure is reported instead.
	 * 'at-least-once' repeats those too, so a message may be delivered more than once.
	 * Both retry throttling (429), connect failures and 503; lookups and disconnects are
	 * retried the same in both.
	 */
	private DeliveryMode delivery = DeliveryMode.AT_MOST_ONCE;

	/**
	 * Maximum time to wait, when the application shuts down, for the management calls in
	 * flight to finish. From the start of the shutdown no new call or broadcast post is
	 * made; ids of a broadcast not yet posted to are reported not attempted.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(10);

	/**
	 * Whether to remove a connection from the connection registry when the service
	 * reports it gone (HTTP 410).
	 */
	private boolean pruneOnGone = true;

	/**
	 * Time after its registration during which a connection reported gone is kept in the
	 * connection registry. API Gateway answers 410 for a connection whose upgrade has not
	 * completed yet; a later 410 or its '$disconnect' removes it. 0 to prune at once.
	 */
	private Duration pruneGracePeriod = Duration.ofSeconds(5);

	private final Retry retry = new Retry();

	private final Broadcast broadcast = new Broadcast();

	private final Health health = new Health();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getEndpoint() {
		return this.endpoint;
	}

	public void setEndpoint(@Nullable String endpoint) {
		this.endpoint = endpoint;
	}

	public @Nullable String getApiId() {
		return this.apiId;
	}

	public void setApiId(@Nullable String apiId) {
		this.apiId = apiId;
	}

	public @Nullable String getStage() {
		return this.stage;
	}

	public void setStage(@Nullable String stage) {
		this.stage = stage;
	}

	public @Nullable String getRegion() {
		return this.region;
	}

	public void setRegion(@Nullable String region) {
		this.region = region;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public DeliveryMode getDelivery() {
		return this.delivery;
	}

	public void setDelivery(DeliveryMode delivery) {
		this.delivery = delivery;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public boolean isPruneOnGone() {
		return this.pruneOnGone;
	}

	public void setPruneOnGone(boolean pruneOnGone) {
		this.pruneOnGone = pruneOnGone;
	}

	public Duration getPruneGracePeriod() {
		return this.pruneGracePeriod;
	}

	public void setPruneGracePeriod(Duration pruneGracePeriod) {
		this.pruneGracePeriod = pruneGracePeriod;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Broadcast getBroadcast() {
		return this.broadcast;
	}

	public Health getHealth() {
		return this.health;
	}

	/**
	 * Retry of management calls that failed transiently, as far as the delivery guarantee
	 * allows.
	 */
	public static class Retry {

		/**
		 * Maximum number of attempts of one management call, the first one included.
		 */
		private int maxAttempts = 3;

		/**
		 * Upper bound of the first back-off; each back-off is drawn at random below its
		 * bound (full jitter).
		 */
		private Duration initialBackoff = Duration.ofMillis(100);

		/**
		 * Factor applied to the back-off bound after each attempt.
		 */
		private double multiplier = 2.0;

		/**
		 * Maximum bound of one back-off.
		 */
		private Duration maxBackoff = Duration.ofSeconds(2);

		/**
		 * Maximum total time spent retrying one management call.
		 */
		private Duration maxElapsed = Duration.ofSeconds(10);

		/**
		 * Whether to retry calls that failed with a server error (HTTP 5xx); a post only
		 * after 503, unless 'apigw.websocket.delivery' is 'at-least-once'.
		 */
		private boolean retryServerErrors = true;

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Duration getMaxElapsed() {
			return this.maxElapsed;
		}

		public void setMaxElapsed(Duration maxElapsed) {
			this.maxElapsed = maxElapsed;
		}

		public boolean isRetryServerErrors() {
			return this.retryServerErrors;
		}

		public void setRetryServerErrors(boolean retryServerErrors) {
			this.retryServerErrors = retryServerErrors;
		}

	}

	/**
	 * Broadcast to many connections.
	 */
	public static class Broadcast {

		/**
		 * Whether the window of calls in flight and the rate adapt to API Gateway's
		 * answers: the window grows while latency stays flat and shrinks on 429 and on
		 * rising latency; the rate drops below the rate API Gateway accepted when it
		 * throttles, then probes back up. 'max-concurrency' and 'messages-per-second' are
		 * their ceilings. When false, the window is 'max-concurrency' and the rate
		 * 'messages-per-second'. A SendRateLimiter bean replaces the built-in rate either
		 * way.
		 */
		private boolean adaptive = true;

		/**
		 * Maximum number of management calls of one broadcast in flight at once. Also the
		 * connection pool size of the auto-configured async HTTP client.
		 */
		private int maxConcurrency = 256;

		/**
		 * Maximum number of messages per second of all broadcasts of the template
		 * together, 0 for no client-side limit. The account-wide limit is shared by every
		 * API of the account and region.
		 */
		private double messagesPerSecond = 0;

		/**
		 * Maximum duration of one broadcast. Until then, an id that is still throttled
		 * (429) after its retries is posted again; afterwards no call starts: throttled
		 * ids are failed, ids not yet posted to are not attempted.
		 */
		private Duration maxDuration = Duration.ofMinutes(5);

		public boolean isAdaptive() {
			return this.adaptive;
		}

		public void setAdaptive(boolean adaptive) {
			this.adaptive = adaptive;
		}

		public Duration getMaxDuration() {
			return this.maxDuration;
		}

		public void setMaxDuration(Duration maxDuration) {
			this.maxDuration = maxDuration;
		}

		public int getMaxConcurrency() {
			return this.maxConcurrency;
		}

		public void setMaxConcurrency(int maxConcurrency) {
			this.maxConcurrency = maxConcurrency;
		}

		public double getMessagesPerSecond() {
			return this.messagesPerSecond;
		}

		public void setMessagesPerSecond(double messagesPerSecond) {
			this.messagesPerSecond = messagesPerSecond;
		}

		/**
		 * Scope of 'messages-per-second': 'instance' paces each instance on its own;
		 * 'fleet' shares one rate with every instance through Redis (needs
		 * dev.apigw:apigw-websocket-registry-redis and Spring Boot's Redis support).
		 */
		private RateLimitScope rateLimitScope = RateLimitScope.INSTANCE;

		private final Fleet fleet = new Fleet();

		public RateLimitScope getRateLimitScope() {
			return this.rateLimitScope;
		}

		public void setRateLimitScope(RateLimitScope rateLimitScope) {
			this.rateLimitScope = rateLimitScope;
		}

		public Fleet getFleet() {
			return this.fleet;
		}

	}

	/**
	 * Scope of the broadcast rate limit.
	 */
	public enum RateLimitScope {

		/**
		 * Each instance paces its own broadcasts.
		 */
		INSTANCE,

		/**
		 * Every instance shares one rate, through a token bucket in Redis.
		 */
		FLEET

	}

	/**
	 * Broadcast rate limit shared by a fleet through Redis, used when
	 * 'apigw.websocket.broadcast.rate-limit-scope' is 'fleet'.
	 */
	public static class Fleet {

		/**
		 * Redis key of the token bucket that every instance shares.
		 */
		private String key = "apigw:ws:rate-limit";

		/**
		 * Maximum time a permit waits for Redis before it comes from the instance's
		 * fallback rate.
		 */
		private Duration timeout = Duration.ofMillis(500);

		/**
		 * Rate of each instance alone while Redis does not answer, in messages per
		 * second. Defaults to 'apigw.websocket.broadcast.messages-per-second'; set it to
		 * that rate divided by the number of instances to stay under the quota during an
		 * outage of Redis.
		 */
		private @Nullable Double fallbackMessagesPerSecond;

		public String getKey() {
			return this.key;
		}

		public void setKey(String key) {
			this.key = key;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable Double getFallbackMessagesPerSecond() {
			return this.fallbackMessagesPerSecond;
		}

		public void setFallbackMessagesPerSecond(@Nullable Double fallbackMessagesPerSecond) {
			this.fallbackMessagesPerSecond = fallbackMessagesPerSecond;
		}

	}

	/**
	 * Health indicator of the management endpoint.
	 */
	public static class Health {

		/**
		 * Time a health result is reused before the endpoint is checked again, so that
		 * health checks do not consume the account's request rate.
		 */
		private Duration cacheTtl = Duration.ofSeconds(30);

		public Duration getCacheTtl() {
			return this.cacheTtl;
		}

		public void setCacheTtl(Duration cacheTtl) {
			this.cacheTtl = cacheTtl;
		}

	}

}
