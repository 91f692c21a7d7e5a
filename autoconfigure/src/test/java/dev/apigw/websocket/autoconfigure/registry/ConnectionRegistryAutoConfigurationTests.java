package dev.apigw.websocket.autoconfigure.registry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.awspring.cloud.autoconfigure.AwsClientCustomizer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import dev.apigw.websocket.autoconfigure.AutoConfigurationTestSupport;
import dev.apigw.websocket.autoconfigure.SharedLettuceClientResources;
import dev.apigw.websocket.registry.ConnectionRegistry;
import dev.apigw.websocket.registry.ConnectionRegistryException;
import dev.apigw.websocket.registry.InMemoryConnectionRegistry;
import dev.apigw.websocket.registry.dynamodb.DynamoDbConnectionRegistry;
import dev.apigw.websocket.registry.redis.RedisConnectionRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ConnectionRegistryAutoConfiguration}.
 */
class ConnectionRegistryAutoConfigurationTests {

	private static final String ENDPOINT = "https://abc123.execute-api.eu-central-1.amazonaws.com/prod";

	private final ApplicationContextRunner contextRunner = AutoConfigurationTestSupport.contextRunner()
		.withPropertyValues("apigw.websocket.endpoint=" + ENDPOINT)
		.withConfiguration(AutoConfigurations.of(ConnectionRegistryAutoConfiguration.class));

	private final ApplicationContextRunner redisRunner = this.contextRunner
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
		.withUserConfiguration(SharedLettuceClientResources.class)
		.withPropertyValues("apigw.websocket.registry.type=redis");

	private final ApplicationContextRunner dynamoDbRunner = this.contextRunner
		.withPropertyValues("apigw.websocket.registry.type=dynamodb");

	@Test
	void registryIsInMemoryByDefaultAndExpiresAfterTwoHours() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ConnectionRegistry.class);
			assertThat(context.getBean(ConnectionRegistry.class)).isInstanceOf(InMemoryConnectionRegistry.class);
			assertThat(context.getBean(InMemoryConnectionRegistry.class).getTimeToLive())
				.isEqualTo(Duration.ofHours(2));
		});
	}

	@Test
	void timeToLiveConfiguresTheInMemoryRegistry() {
		this.contextRunner.withPropertyValues("apigw.websocket.registry.time-to-live=30m")
			.run((context) -> assertThat(context.getBean(InMemoryConnectionRegistry.class).getTimeToLive())
				.isEqualTo(Duration.ofMinutes(30)));
	}

	@Test
	void typeIsBoundAsSpringBootBindsEnums() {
		for (String type : new String[] { "in-memory", "IN_MEMORY", "inMemory" }) {
			this.contextRunner
				.withPropertyValues("apigw.websocket.registry.type=" + type, "apigw.websocket.registry.time-to-live=1h")
				.run((context) -> assertThat(context.getBean(InMemoryConnectionRegistry.class).getTimeToLive()).as(type)
					.isEqualTo(Duration.ofHours(1)));
		}
	}

	@Test
	void unknownTypeStopsTheApplication() {
		this.contextRunner.withPropertyValues("apigw.websocket.registry.type=memcached")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'apigw.websocket.registry.type'")
				.hasStackTraceContaining("[memcached]"));
	}

	@Test
	void invalidTimeToLiveNamesTheProperty() {
		this.contextRunner.withPropertyValues("apigw.websocket.registry.time-to-live=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("'timeToLive' must be positive, but was PT0S"));
		this.contextRunner.withPropertyValues("apigw.websocket.registry.time-to-live=0s")
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("Invalid 'apigw.websocket.registry.time-to-live': "));
	}

	@Test
	void applicationRegistryIsKeptWhateverTheType() {
		for (String type : new String[] { "in-memory", "redis", "dynamodb" }) {
			this.contextRunner.withUserConfiguration(UserRegistryConfiguration.class)
				.withClassLoader(
						new FilteredClassLoader(RedisConnectionRegistry.class, DynamoDbConnectionRegistry.class))
				.withPropertyValues("apigw.websocket.registry.type=" + type)
				.run((context) -> {
					assertThat(context).as(type).hasSingleBean(ConnectionRegistry.class);
					assertThat(context.getBean(ConnectionRegistry.class)).isSameAs(context.getBean("userRegistry"));
				});
		}
	}

	@Test
	void registryIsNotConfiguredWhenTheStarterIsDisabled() {
		this.contextRunner.withPropertyValues("apigw.websocket.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ConnectionRegistry.class));
	}

	@Test
	void redisRegistryUsesTheApplicationsConnectionFactory() {
		int closedPort = freePort();
		this.redisRunner
			.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + closedPort,
					"spring.data.redis.timeout=1s")
			.run((context) -> {
				assertThat(context).hasSingleBean(ConnectionRegistry.class);
				RedisConnectionRegistry registry = context.getBean(RedisConnectionRegistry.class);
				assertThat(registry.getKeyPrefix()).isEqualTo("apigw:ws:");
				assertThat(registry.getTimeToLive()).isEqualTo(Duration.ofHours(2));
				assertThatExceptionOfType(ConnectionRegistryException.class).isThrownBy(registry::size)
					.withMessageStartingWith("Connection registry on Redis failed to count connections: ")
					.withStackTraceContaining("127.0.0.1:" + closedPort);
			});
	}

	@Test
	void redisRegistryPropertiesAreApplied() {
		this.redisRunner
			.withPropertyValues("apigw.websocket.registry.redis.key-prefix={chat}:",
					"apigw.websocket.registry.time-to-live=90m")
			.run((context) -> {
				RedisConnectionRegistry registry = context.getBean(RedisConnectionRegistry.class);
				assertThat(registry.getKeyPrefix()).isEqualTo("{chat}:");
				assertThat(registry.getTimeToLive()).isEqualTo(Duration.ofMinutes(90));
			});
		this.redisRunner.withPropertyValues("apigw.websocket.registry.redis.key-prefix= ")
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining(
						"Invalid 'apigw.websocket.registry.redis.key-prefix': 'keyPrefix' must not be blank"));
	}

	@Test
	void redisTypeWithoutTheRedisRegistryStopsTheApplicationNamingTheDependency() {
		this.redisRunner.withClassLoader(new FilteredClassLoader(RedisConnectionRegistry.class)).run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).isEqualTo(
					"'apigw.websocket.registry.type' is 'redis', but the Redis registry is not on the classpath.");
			assertThat(analysis.getAction()).contains("dev.apigw:apigw-websocket-registry-redis")
				.contains("spring-boot-starter-data-redis")
				.contains("'apigw.websocket.registry.type' to 'in-memory'");
		});
	}

	@Test
	void redisTypeWithoutSpringDataRedisStopsTheApplicationNamingTheDependency() {
		this.contextRunner.withPropertyValues("apigw.websocket.registry.type=redis")
			.withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class))
			.run((context) -> assertThat(analyze(context).getAction()).startsWith(
					"Add the dependency dev.apigw:apigw-websocket-registry-redis (it brings spring-data-redis)"));
	}

	@Test
	void redisTypeWithoutAConnectionFactoryStopsTheApplicationNamingTheStarter() {
		this.contextRunner.withPropertyValues("apigw.websocket.registry.type=redis").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).isEqualTo(
					"'apigw.websocket.registry.type' is 'redis', but the application has no single RedisConnectionFactory bean.");
			assertThat(analysis.getAction()).startsWith("Add org.springframework.boot:spring-boot-starter-data-redis");
		});
	}

	@Test
	void dynamoDbRegistryHasAClientOfItsOwnConfiguredByItsProperties() {
		this.dynamoDbRunner.withPropertyValues("apigw.websocket.registry.dynamodb.endpoint=http://127.0.0.1:4566",
				"apigw.websocket.registry.dynamodb.region=us-west-2", "apigw.websocket.registry.dynamodb.timeout=750ms",
				"apigw.websocket.registry.dynamodb.table-name=chat-connections",
				"apigw.websocket.registry.time-to-live=1h")
			.run((context) -> {
				assertThat(context).hasSingleBean(ConnectionRegistry.class);
				DynamoDbConnectionRegistry registry = context.getBean(DynamoDbConnectionRegistry.class);
				assertThat(registry.getTableName()).isEqualTo("chat-connections");
				assertThat(registry.getTimeToLive()).isEqualTo(Duration.ofHours(1));
				DynamoDbClient client = registryClient(context);
				assertThat(client.serviceClientConfiguration().endpointOverride())
					.contains(URI.create("http://127.0.0.1:4566"));
				assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.US_WEST_2);
				assertThat(client.serviceClientConfiguration().overrideConfiguration().apiCallTimeout())
					.contains(Duration.ofMillis(750));
			});
	}

	@Test
	void dynamoDbRegistryDefaultsToSpringCloudAwsEndpointAndRegionAndItsOwnTable() {
		this.dynamoDbRunner.withPropertyValues("spring.cloud.aws.endpoint=http://127.0.0.1:4567").run((context) -> {
			DynamoDbConnectionRegistry registry = context.getBean(DynamoDbConnectionRegistry.class);
			assertThat(registry.getTableName()).isEqualTo("apigw-websocket-connections")
				.isEqualTo(DynamoDbConnectionRegistry.DEFAULT_TABLE_NAME);
			DynamoDbClient client = registryClient(context);
			assertThat(client.serviceClientConfiguration().endpointOverride())
				.contains(URI.create("http://127.0.0.1:4567"));
			assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
			assertThat(client.serviceClientConfiguration().overrideConfiguration().apiCallTimeout())
				.contains(Duration.ofSeconds(2));
		});
	}

	@Test
	void dynamoDbClientCustomizersRunAfterTheRegistryDefaults() {
		this.dynamoDbRunner.withUserConfiguration(DynamoDbCustomizerConfiguration.class)
			.run((context) -> assertThat(
					registryClient(context).serviceClientConfiguration().overrideConfiguration().apiCallTimeout())
				.contains(Duration.ofSeconds(9)));
	}

	@Test
	void registryClientIsNotInjectedInPlaceOfTheApplicationsDynamoDbClient() {
		this.dynamoDbRunner.withUserConfiguration(UserDynamoDbClientConfiguration.class).run((context) -> {
			assertThat(context.getBean(DynamoDbClient.class)).isSameAs(context.getBean("userDynamoDbClient"));
			assertThat(registryClient(context)).isNotSameAs(context.getBean("userDynamoDbClient"));
		});
	}

	@Test
	void createTableCreatesTheTableAtStartup() {
		int closedPort = freePort();
		this.dynamoDbRunner
			.withPropertyValues("apigw.websocket.registry.dynamodb.create-table=true",
					"apigw.websocket.registry.dynamodb.endpoint=http://127.0.0.1:" + closedPort,
					"apigw.websocket.registry.dynamodb.timeout=300ms")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining(ConnectionRegistryException.class.getName()
						+ ": Connection registry on DynamoDB table 'apigw-websocket-connections' failed to create table: "));
		this.dynamoDbRunner.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void invalidDynamoDbPropertiesNameTheProperty() {
		this.dynamoDbRunner.withPropertyValues("apigw.websocket.registry.dynamodb.table-name= ")
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining(
						"Invalid 'apigw.websocket.registry.dynamodb.table-name': 'tableName' must not be blank"));
		this.dynamoDbRunner.withPropertyValues("apigw.websocket.registry.dynamodb.timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining(
						"Invalid 'apigw.websocket.registry.dynamodb.timeout': must be positive, but was PT0S"));
	}

	@Test
	void dynamoDbTypeWithoutTheDynamoDbRegistryStopsTheApplicationNamingTheDependency() {
		for (Class<?> missing : new Class<?>[] { DynamoDbConnectionRegistry.class, DynamoDbClient.class }) {
			this.dynamoDbRunner.withClassLoader(new FilteredClassLoader(missing)).run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).isEqualTo(
						"'apigw.websocket.registry.type' is 'dynamodb', but the DynamoDB registry is not on the classpath.");
				assertThat(analysis.getAction()).contains("dev.apigw:apigw-websocket-registry-dynamodb");
			});
		}
	}

	@Test
	void propertyDefaultsMatchTheRegistriesDefaults() {
		RegistryProperties properties = new RegistryProperties();
		assertThat(properties.getType()).isEqualTo(RegistryProperties.Type.IN_MEMORY);
		assertThat(properties.getTimeToLive()).isEqualTo(ConnectionRegistry.DEFAULT_TIME_TO_LIVE);
		assertThat(properties.getRedis().getKeyPrefix()).isEqualTo(RedisConnectionRegistry.DEFAULT_KEY_PREFIX);
		assertThat(properties.getDynamodb().getTableName()).isEqualTo(DynamoDbConnectionRegistry.DEFAULT_TABLE_NAME);
		assertThat(properties.getDynamodb().isCreateTable()).isFalse();
	}

	private static DynamoDbClient registryClient(AssertableApplicationContext context) {
		return context.getBean(ConnectionRegistryAutoConfiguration.DYNAMODB_CLIENT_BEAN_NAME, DynamoDbClient.class);
	}

	private static FailureAnalysis analyze(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new RegistryStoreUnavailableFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
		return analysis;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class UserRegistryConfiguration {

		@Bean
		ConnectionRegistry userRegistry() {
			InMemoryConnectionRegistry registry = new InMemoryConnectionRegistry();
			registry.register("seed", Map.of());
			return registry;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserDynamoDbClientConfiguration {

		@Bean
		DynamoDbClient userDynamoDbClient() {
			return DynamoDbClient.builder()
				.region(Region.AP_SOUTHEAST_2)
				.credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DynamoDbCustomizerConfiguration {

		@Bean
		AwsClientCustomizer<DynamoDbClientBuilder> longerTimeout() {
			return (builder) -> builder.overrideConfiguration(
					builder.overrideConfiguration().toBuilder().apiCallTimeout(Duration.ofSeconds(9)).build());
		}

	}

}
