package dev.apigw.websocket.autoconfigure;

import io.lettuce.core.AbstractRedisClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.apigw.websocket.SendRateLimiter;
import dev.apigw.websocket.ratelimit.redis.RedisSendRateLimiter;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the broadcast rate limit shared
 * by every instance of a fleet, when {@code apigw.websocket.broadcast.rate-limit-scope}
 * is {@code fleet}: a {@link RedisSendRateLimiter} on the Lettuce client of the
 * application's {@link LettuceConnectionFactory}, which the template's auto-configuration
 * then uses. A missing dependency, connection factory or rate stops the application,
 * naming what to add or set.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
@AutoConfiguration(before = WebSocketAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnBooleanProperty(name = WebSocketProperties.PREFIX + ".enabled", matchIfMissing = true)
@ConditionalOnProperty(name = FleetRateLimitAutoConfiguration.SCOPE, havingValue = "fleet")
@EnableConfigurationProperties(WebSocketProperties.class)
public final class FleetRateLimitAutoConfiguration {

	static final String SCOPE = WebSocketProperties.PREFIX + ".broadcast.rate-limit-scope";

	private static final String BROADCAST = WebSocketProperties.PREFIX + ".broadcast.";

	private static final String RATE = BROADCAST + "messages-per-second";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { RedisFleetRateLimitConfiguration.LIMITER, RedisFleetRateLimitConfiguration.FACTORY })
	static class RedisFleetRateLimitConfiguration {

		static final String LIMITER = "dev.apigw.websocket.ratelimit.redis.RedisSendRateLimiter";

		static final String FACTORY = "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory";

		@Bean
		@ConditionalOnMissingBean(SendRateLimiter.class)
		RedisSendRateLimiter apigwWebSocketFleetRateLimiter(ObjectProvider<RedisConnectionFactory> connectionFactory,
				WebSocketProperties properties) {
			WebSocketProperties.Broadcast broadcast = properties.getBroadcast();
			if (broadcast.getMessagesPerSecond() <= 0) {
				throw new FleetRateLimitUnavailableException(
						"'" + SCOPE + "' is 'fleet', but '" + RATE + "' sets no rate to share.",
						"Set '" + RATE + "' to the rate of the whole fleet (every instance the same), or set '" + SCOPE
								+ "' to 'instance'.");
			}
			RedisConnectionFactory factory = connectionFactory.getIfUnique();
			if (!(factory instanceof LettuceConnectionFactory lettuce)) {
				String found = (factory != null) ? "a " + factory.getClass().getName()
						: "no single RedisConnectionFactory bean";
				throw new FleetRateLimitUnavailableException(
						"'" + SCOPE + "' is 'fleet', which needs a LettuceConnectionFactory, but the application has "
								+ found + ".",
						"Add org.springframework.boot:spring-boot-starter-data-redis (Spring Boot's Redis "
								+ "auto-configuration with Lettuce, configured by 'spring.data.redis.*'), or define one "
								+ "LettuceConnectionFactory bean, or set '" + SCOPE + "' to 'instance'.");
			}
			AbstractRedisClient client = lettuce.getRequiredNativeClient();
			WebSocketProperties.Fleet fleet = broadcast.getFleet();
			Double fallback = fleet.getFallbackMessagesPerSecond();
			return new PropertyArguments().argument("messagesPerSecond", RATE, broadcast.getMessagesPerSecond())
				.argument("key", BROADCAST + "fleet.key", fleet.getKey())
				.argument("timeout", BROADCAST + "fleet.timeout", fleet.getTimeout())
				.argument("fallbackMessagesPerSecond", BROADCAST + "fleet.fallback-messages-per-second", fallback)
				.create(() -> {
					RedisSendRateLimiter.Builder builder = RedisSendRateLimiter.builder(client)
						.messagesPerSecond(broadcast.getMessagesPerSecond())
						.key(fleet.getKey())
						.timeout(fleet.getTimeout());
					if (fallback != null) {
						builder.fallbackMessagesPerSecond(fallback);
					}
					return builder.build();
				});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(FleetRateLimitClassesMissing.class)
	static class MissingRedisFleetRateLimitConfiguration {

		@Bean
		@ConditionalOnMissingBean(SendRateLimiter.class)
		SendRateLimiter apigwWebSocketFleetRateLimiter() {
			throw new FleetRateLimitUnavailableException(
					"'" + SCOPE + "' is 'fleet', but the fleet's rate limiter on Redis is not on the classpath.",
					"Add the dependency dev.apigw:apigw-websocket-registry-redis (it brings Bucket4j and Lettuce) and "
							+ "org.springframework.boot:spring-boot-starter-data-redis, or set '" + SCOPE
							+ "' to 'instance'.");
		}

	}

	/**
	 * Matches when a class of the fleet's rate limiter on Redis is missing.
	 */
	static final class FleetRateLimitClassesMissing extends NoneNestedConditions {

		FleetRateLimitClassesMissing() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnClass(
				name = { RedisFleetRateLimitConfiguration.LIMITER, RedisFleetRateLimitConfiguration.FACTORY })
		static final class ClassesPresent {

		}

	}

}
