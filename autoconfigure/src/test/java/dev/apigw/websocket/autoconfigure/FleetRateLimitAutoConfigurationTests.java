package dev.apigw.websocket.autoconfigure;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.apigw.websocket.SendRateLimiter;
import dev.apigw.websocket.ratelimit.redis.RedisSendRateLimiter;
import dev.apigw.websocket.registry.redis.RedisServer;
import dev.apigw.websocket.registry.redis.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FleetRateLimitAutoConfiguration}, against a real Redis server.
 */
@ExtendWith(RedisServerExtension.class)
class FleetRateLimitAutoConfigurationTests {

	private static final String ENDPOINT = "https://abc123.execute-api.eu-central-1.amazonaws.com/prod";

	private static int redisPort;

	private final ApplicationContextRunner contextRunner = AutoConfigurationTestSupport.contextRunner()
		.withPropertyValues("apigw.websocket.endpoint=" + ENDPOINT)
		.withConfiguration(AutoConfigurations.of(FleetRateLimitAutoConfiguration.class));

	private final ApplicationContextRunner fleetRunner = this.contextRunner
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
		.withUserConfiguration(SharedLettuceClientResources.class)
		.withPropertyValues("apigw.websocket.broadcast.rate-limit-scope=fleet",
				"apigw.websocket.broadcast.messages-per-second=50", "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + redisPort);

	@BeforeAll
	static void redis(RedisServer server) {
		redisPort = server.port();
	}

	@Test
	void instanceScopeIsTheDefaultAndAddsNoLimiter() {
		this.contextRunner.withPropertyValues("apigw.websocket.broadcast.messages-per-second=50")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SendRateLimiter.class));
	}

	@Test
	void fleetScopeSharesTheRateThroughTheConfiguredKeyInRedis() {
		String key = "test:fleet:" + UUID.randomUUID();
		this.fleetRunner.withPropertyValues("apigw.websocket.broadcast.fleet.key=" + key).run((context) -> {
			assertThat(context).hasSingleBean(SendRateLimiter.class);
			RedisSendRateLimiter limiter = context.getBean(RedisSendRateLimiter.class);
			limiter.acquire().get(10, TimeUnit.SECONDS);
			assertThat(limiter.isShared()).isTrue();
			assertThat(limiter.currentRate()).isEqualTo(50);
			assertThat(context.getBean(StringRedisTemplate.class).hasKey(key)).isTrue();
		});
	}

	@Test
	void scopeIsBoundRelaxed() {
		this.fleetRunner.withPropertyValues("apigw.websocket.broadcast.rate-limit-scope=FLEET")
			.run((context) -> assertThat(context).hasSingleBean(RedisSendRateLimiter.class));
	}

	@Test
	void applicationLimiterWins() {
		this.fleetRunner.withUserConfiguration(UserLimiterConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(SendRateLimiter.class)
				.isSameAs(context.getBean("userLimiter")));
	}

	@Test
	void fleetScopeWithoutARateStopsTheApplicationNamingTheProperty() {
		this.fleetRunner.withPropertyValues("apigw.websocket.broadcast.messages-per-second=0").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).isEqualTo(
					"'apigw.websocket.broadcast.rate-limit-scope' is 'fleet', but 'apigw.websocket.broadcast.messages-per-second' sets no rate to share.");
			assertThat(analysis.getAction())
				.startsWith("Set 'apigw.websocket.broadcast.messages-per-second' to the rate of the whole fleet");
		});
	}

	@Test
	void fleetScopeWithoutAConnectionFactoryStopsTheApplicationNamingTheStarter() {
		this.contextRunner
			.withPropertyValues("apigw.websocket.broadcast.rate-limit-scope=fleet",
					"apigw.websocket.broadcast.messages-per-second=50")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).isEqualTo(
						"'apigw.websocket.broadcast.rate-limit-scope' is 'fleet', which needs a LettuceConnectionFactory, but the application has no single RedisConnectionFactory bean.");
				assertThat(analysis.getAction())
					.startsWith("Add org.springframework.boot:spring-boot-starter-data-redis")
					.endsWith("or set 'apigw.websocket.broadcast.rate-limit-scope' to 'instance'.");
			});
	}

	@Test
	void fleetScopeWithoutTheRedisModuleStopsTheApplicationNamingTheDependency() {
		this.fleetRunner.withClassLoader(new FilteredClassLoader(RedisSendRateLimiter.class)).run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).isEqualTo(
					"'apigw.websocket.broadcast.rate-limit-scope' is 'fleet', but the fleet's rate limiter on Redis is not on the classpath.");
			assertThat(analysis.getAction()).startsWith("Add the dependency dev.apigw:apigw-websocket-registry-redis")
				.contains("spring-boot-starter-data-redis");
		});
	}

	@Test
	void invalidFleetPropertiesAreNamed() {
		this.fleetRunner.withPropertyValues("apigw.websocket.broadcast.fleet.timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessage("Property apigw.websocket.broadcast.fleet.timeout with value 'PT0S' is invalid: "
						+ "'timeout' must be positive, was PT0S"));
		this.fleetRunner.withPropertyValues("apigw.websocket.broadcast.fleet.fallback-messages-per-second=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageStartingWith("Property apigw.websocket.broadcast.fleet.fallback-messages-per-second "));
	}

	@Test
	void fleetPropertiesDefaults() {
		WebSocketProperties.Fleet fleet = new WebSocketProperties().getBroadcast().getFleet();
		assertThat(fleet.getKey()).isEqualTo(RedisSendRateLimiter.DEFAULT_KEY);
		assertThat(fleet.getTimeout()).isEqualTo(Duration.ofMillis(500));
		assertThat(fleet.getFallbackMessagesPerSecond()).isNull();
		assertThat(new WebSocketProperties().getBroadcast().getRateLimitScope())
			.isEqualTo(WebSocketProperties.RateLimitScope.INSTANCE);
	}

	private static FailureAnalysis analyze(AssertableApplicationContext context) {
		FailureAnalysis analysis = new FleetRateLimitUnavailableFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
		return analysis;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserLimiterConfiguration {

		@Bean
		SendRateLimiter userLimiter() {
			return () -> CompletableFuture.<@Nullable Void>completedFuture(null);
		}

	}

}
