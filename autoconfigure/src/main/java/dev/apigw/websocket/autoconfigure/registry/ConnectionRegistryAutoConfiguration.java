package dev.apigw.websocket.autoconfigure.registry;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.awspring.cloud.autoconfigure.AwsClientCustomizer;
import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import dev.apigw.websocket.autoconfigure.WebSocketAutoConfiguration;
import dev.apigw.websocket.registry.ConnectionRegistry;
import dev.apigw.websocket.registry.InMemoryConnectionRegistry;
import dev.apigw.websocket.registry.dynamodb.DynamoDbConnectionRegistry;
import dev.apigw.websocket.registry.redis.RedisConnectionRegistry;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link ConnectionRegistry}
 * chosen by {@code apigw.websocket.registry.type}: in memory (the default), on Redis
 * through the application's {@link RedisConnectionFactory}, or on DynamoDB through a
 * client of its own built by Spring Cloud AWS. The store is never guessed from the
 * classpath: an instance that silently fell back to memory would lose the fleet's
 * connections. A store whose dependencies are missing stops the application with the
 * dependency to add.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = WebSocketAutoConfiguration.class,
		after = { CredentialsProviderAutoConfiguration.class, RegionProviderAutoConfiguration.class,
				AwsAutoConfiguration.class },
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass(ConnectionRegistry.class)
@ConditionalOnBooleanProperty(name = "apigw.websocket.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RegistryProperties.class)
public final class ConnectionRegistryAutoConfiguration {

	static final String DYNAMODB_CLIENT_BEAN_NAME = "apigwWebSocketRegistryDynamoDbClient";

	private static final String TYPE = RegistryProperties.PREFIX + ".type";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnRegistryType(RegistryProperties.Type.IN_MEMORY)
	static class InMemoryRegistryConfiguration {

		@Bean
		@ConditionalOnMissingBean(ConnectionRegistry.class)
		InMemoryConnectionRegistry connectionRegistry(RegistryProperties properties) {
			InMemoryConnectionRegistry registry = new InMemoryConnectionRegistry();
			fromProperty("time-to-live", () -> registry.setTimeToLive(properties.getTimeToLive()));
			return registry;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnRegistryType(RegistryProperties.Type.REDIS)
	@ConditionalOnClass(name = { RedisRegistryConfiguration.REGISTRY, RedisRegistryConfiguration.FACTORY })
	static class RedisRegistryConfiguration {

		static final String REGISTRY = "dev.apigw.websocket.registry.redis.RedisConnectionRegistry";

		static final String FACTORY = "org.springframework.data.redis.connection.RedisConnectionFactory";

		@Bean
		@ConditionalOnMissingBean(ConnectionRegistry.class)
		RedisConnectionRegistry connectionRegistry(ObjectProvider<RedisConnectionFactory> connectionFactory,
				RegistryProperties properties) {
			RedisConnectionFactory factory = connectionFactory.getIfUnique();
			if (factory == null) {
				throw new RegistryStoreUnavailableException(
						"'" + TYPE + "' is 'redis', but the application has no single RedisConnectionFactory bean.",
						"Add org.springframework.boot:spring-boot-starter-data-redis (Spring Boot's Redis "
								+ "auto-configuration, configured by 'spring.data.redis.*'), or define one "
								+ "RedisConnectionFactory bean, or set '" + TYPE + "' to 'in-memory'.");
			}
			RedisConnectionRegistry registry = new RedisConnectionRegistry(factory);
			RegistryProperties.Redis redis = properties.getRedis();
			fromProperty("redis.key-prefix", () -> registry.setKeyPrefix(redis.getKeyPrefix()));
			fromProperty("time-to-live", () -> registry.setTimeToLive(properties.getTimeToLive()));
			return registry;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnRegistryType(RegistryProperties.Type.REDIS)
	@Conditional(RedisRegistryClassesMissing.class)
	static class MissingRedisRegistryConfiguration {

		@Bean
		@ConditionalOnMissingBean(ConnectionRegistry.class)
		ConnectionRegistry connectionRegistry() {
			throw new RegistryStoreUnavailableException(
					"'" + TYPE + "' is 'redis', but the Redis registry is not on the classpath.",
					"Add the dependency dev.apigw:apigw-websocket-registry-redis (it brings spring-data-redis) and "
							+ "org.springframework.boot:spring-boot-starter-data-redis, or set '" + TYPE
							+ "' to 'in-memory'.");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnRegistryType(RegistryProperties.Type.DYNAMODB)
	@ConditionalOnClass(name = { DynamoDbRegistryConfiguration.REGISTRY, DynamoDbRegistryConfiguration.CLIENT })
	static class DynamoDbRegistryConfiguration {

		static final String REGISTRY = "dev.apigw.websocket.registry.dynamodb.DynamoDbConnectionRegistry";

		static final String CLIENT = "software.amazon.awssdk.services.dynamodb.DynamoDbClient";

		/**
		 * The registry's own client, not a default candidate: an application's
		 * {@code DynamoDbClient}, Spring Cloud AWS's included, stays the one injected by
		 * type, and the registry's timeout does not leak into it.
		 */
		@Bean(name = DYNAMODB_CLIENT_BEAN_NAME, defaultCandidate = false)
		@ConditionalOnMissingBean(name = DYNAMODB_CLIENT_BEAN_NAME)
		DynamoDbClient apigwWebSocketRegistryDynamoDbClient(AwsClientBuilderConfigurer awsClientBuilderConfigurer,
				RegistryProperties properties, ObjectProvider<AwsConnectionDetails> connectionDetails,
				ObjectProvider<AwsClientCustomizer<DynamoDbClientBuilder>> customizers,
				ObjectProvider<AwsSyncClientCustomizer> commonCustomizers) {
			Duration timeout = properties.getDynamodb().getTimeout();
			fromProperty("dynamodb.timeout", () -> {
				if (timeout.isNegative() || timeout.isZero()) {
					throw new IllegalArgumentException("must be positive, but was " + timeout);
				}
			});
			AwsClientCustomizer<DynamoDbClientBuilder> defaults = (builder) -> {
				ClientOverrideConfiguration existing = builder.overrideConfiguration();
				ClientOverrideConfiguration.Builder override = (existing != null) ? existing.toBuilder()
						: ClientOverrideConfiguration.builder();
				builder.overrideConfiguration(override.apiCallTimeout(timeout).build());
			};
			// our timeout first, so that the application's customizers can still change
			// it
			return awsClientBuilderConfigurer.configureSyncClient(DynamoDbClient.builder(), properties.getDynamodb(),
					connectionDetails.getIfAvailable(), Stream.concat(Stream.of(defaults), customizers.orderedStream()),
					commonCustomizers.orderedStream())
				.build();
		}

		@Bean
		@ConditionalOnMissingBean(ConnectionRegistry.class)
		DynamoDbConnectionRegistry connectionRegistry(@Qualifier(DYNAMODB_CLIENT_BEAN_NAME) DynamoDbClient client,
				RegistryProperties properties) {
			RegistryProperties.Dynamodb dynamodb = properties.getDynamodb();
			DynamoDbConnectionRegistry registry = fromProperty("dynamodb.table-name",
					() -> new DynamoDbConnectionRegistry(client, dynamodb.getTableName()));
			fromProperty("time-to-live", () -> registry.setTimeToLive(properties.getTimeToLive()));
			if (dynamodb.isCreateTable()) {
				registry.createTableIfMissing();
			}
			return registry;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnRegistryType(RegistryProperties.Type.DYNAMODB)
	@Conditional(DynamoDbRegistryClassesMissing.class)
	static class MissingDynamoDbRegistryConfiguration {

		@Bean
		@ConditionalOnMissingBean(ConnectionRegistry.class)
		ConnectionRegistry connectionRegistry() {
			throw new RegistryStoreUnavailableException(
					"'" + TYPE + "' is 'dynamodb', but the DynamoDB registry is not on the classpath.",
					"Add the dependency dev.apigw:apigw-websocket-registry-dynamodb (it brings the AWS SDK's "
							+ "dynamodb-enhanced), or set '" + TYPE + "' to 'in-memory'.");
		}

	}

	private static void fromProperty(String property, Runnable action) {
		fromProperty(property, () -> {
			action.run();
			return null;
		});
	}

	private static <T> T fromProperty(String property, Supplier<T> factory) {
		try {
			return factory.get();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(
					"Invalid '" + RegistryProperties.PREFIX + "." + property + "': " + ex.getMessage(), ex);
		}
	}

	/**
	 * Matches when a class of the Redis registry is missing.
	 */
	static final class RedisRegistryClassesMissing extends NoneNestedConditions {

		RedisRegistryClassesMissing() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnClass(name = { RedisRegistryConfiguration.REGISTRY, RedisRegistryConfiguration.FACTORY })
		static final class ClassesPresent {

		}

	}

	/**
	 * Matches when a class of the DynamoDB registry is missing.
	 */
	static final class DynamoDbRegistryClassesMissing extends NoneNestedConditions {

		DynamoDbRegistryClassesMissing() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnClass(name = { DynamoDbRegistryConfiguration.REGISTRY, DynamoDbRegistryConfiguration.CLIENT })
		static final class ClassesPresent {

		}

	}

}
