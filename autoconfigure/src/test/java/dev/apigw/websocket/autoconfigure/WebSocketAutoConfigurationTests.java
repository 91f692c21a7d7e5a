package dev.apigw.websocket.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.awspring.cloud.autoconfigure.AwsClientCustomizer;
import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClientBuilder;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClientBuilder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;

import dev.apigw.websocket.DeliveryMode;
import dev.apigw.websocket.ManagementEndpoint;
import dev.apigw.websocket.ManagementOperation;
import dev.apigw.websocket.WebSocketConnectionTemplate;
import dev.apigw.websocket.event.WebSocketConnectionGoneEvent;
import dev.apigw.websocket.payload.JacksonPayloadConverter;
import dev.apigw.websocket.payload.PayloadConverter;
import dev.apigw.websocket.registry.ConnectionLifecycle;
import dev.apigw.websocket.registry.ConnectionRegistry;
import dev.apigw.websocket.registry.InMemoryConnectionRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebSocketAutoConfiguration}: property forms, client configuration,
 * back-off and conditions. HTTP behaviour is in
 * {@link WebSocketAutoConfigurationHttpTests}.
 */
class WebSocketAutoConfigurationTests {

	private static final String ENDPOINT = "https://abc123.execute-api.eu-central-1.amazonaws.com/prod";

	private final ApplicationContextRunner contextRunner = AutoConfigurationTestSupport.contextRunner();

	@Test
	void endpointPropertyConfiguresClientsAndTemplate() {
		this.contextRunner.withPropertyValues("apigw.websocket.endpoint=" + ENDPOINT).run((context) -> {
			assertThat(context).hasSingleBean(WebSocketConnectionTemplate.class)
				.hasSingleBean(ApiGatewayManagementApiClient.class)
				.hasSingleBean(ApiGatewayManagementApiAsyncClient.class)
				.hasSingleBean(InMemoryConnectionRegistry.class)
				.hasSingleBean(ConnectionLifecycle.class);
			assertClients(context, URI.create(ENDPOINT), Region.EU_CENTRAL_1);
			assertThat(context.getBean(ManagementEndpoint.class))
				.isEqualTo(new ManagementEndpoint(URI.create(ENDPOINT), "abc123", "prod", "eu-central-1"));
		});
	}

	@Test
	void wssEndpointIsNormalisedToHttps() {
		this.contextRunner
			.withPropertyValues("apigw.websocket.endpoint=wss://abc123.execute-api.eu-central-1.amazonaws.com/prod")
			.run((context) -> assertClients(context, URI.create(ENDPOINT), Region.EU_CENTRAL_1));
	}

	@Test
	void apiIdStageAndRegionConfigureClients() {
		this.contextRunner
			.withPropertyValues("apigw.websocket.api-id=xyz789", "apigw.websocket.stage=dev",
					"apigw.websocket.region=us-west-2")
			.run((context) -> assertClients(context,
					URI.create("https://xyz789.execute-api.us-west-2.amazonaws.com/dev"), Region.US_WEST_2));
	}

	@Test
	void apiIdWithoutRegionUsesSpringCloudAwsRegion() {
		this.contextRunner.withPropertyValues("apigw.websocket.api-id=xyz789", "apigw.websocket.stage=dev")
			.run((context) -> assertClients(context,
					URI.create("https://xyz789.execute-api.eu-west-1.amazonaws.com/dev"), Region.EU_WEST_1));
	}

	@Test
	void customDomainWithRegionConfiguresClients() {
		this.contextRunner
			.withPropertyValues("apigw.websocket.endpoint=https://ws.example.com/chat",
					"apigw.websocket.region=ap-northeast-1")
			.run((context) -> {
				assertClients(context, URI.create("https://ws.example.com/chat"), Region.AP_NORTHEAST_1);
				assertThat(context.getBean(ManagementEndpoint.class).region()).isEqualTo("ap-northeast-1");
			});
	}

	@Test
	void loopbackEndpointWithoutRegionUsesSpringCloudAwsRegion() {
		this.contextRunner.withPropertyValues("apigw.websocket.endpoint=http://127.0.0.1:4510").run((context) -> {
			assertClients(context, URI.create("http://127.0.0.1:4510"), Region.EU_WEST_1);
			assertThat(context.getBean(ManagementEndpoint.class).region()).isEqualTo("eu-west-1");
		});
	}

	@Test
	void springCloudAwsEndpointDoesNotOverrideOurs() {
		this.contextRunner
			.withPropertyValues("apigw.websocket.endpoint=" + ENDPOINT,
					"spring.cloud.aws.endpoint=http://127.0.0.1:4566")
			.run((context) -> assertClients(context, URI.create(ENDPOINT), Region.EU_CENTRAL_1));
	}

	@Test
	void springCloudAwsConnectionDetailsDoNotOverrideOurs() {
		AwsConnectionDetails localStack = new AwsConnectionDetails() {

			@Override
			public URI getEndpoint() {
				return URI.create("http://127.0.0.1:4566");
			}

			@Override
			public String getRegion() {
				return "us-east-1";
			}

		};
		this.contextRunner.withPropertyValues("apigw.websocket.endpoint=" + ENDPOINT)
			.withBean(AwsConnectionDetails.class, () -> localStack)
			.run((context) -> assertClients(context, URI.create(ENDPOINT), Region.EU_CENTRAL_1));
	}

	@Test
	void sdkRetriesAreOffAndTimeoutIsPerAttempt() {
		this.contextRunner.withPropertyValues("apigw.websocket.endpoint=" + ENDPOINT, "apigw.websocket.timeout=750ms")
			.run((context) -> {
				for (AwsServiceClientConfiguration configuration : clientConfigurations(context)) {
					assertThat(configuration.overrideConfiguration().retryStrategy()).get()
						.extracting(RetryStrategy::maxAttempts)
						.isEqualTo(1);
					assertThat(configuration.overrideConfiguration().apiCallAttemptTimeout())
						.contains(Duration.ofMillis(750));
				}
			});
	}

	@Test
	void clientCustomizersAreAppliedInOrderAndKeepOurDefaults() {
		this.contextRunner.withPropertyValues("apigw.websocket.endpoint=" + ENDPOINT)
			.withUserConfiguration(CustomizerConfiguration.class)
			.run((context) -> {
				assertThat(context.getBean("calls", List.class)).containsExactly("sync-first", "sync-second",
						"async-only");
				ApiGatewayManagementApiClient client = context.getBean(ApiGatewayManagementApiClient.class);
				assertThat(client.serviceClientConfiguration().overrideConfiguration().apiCallTimeout())
					.contains(Duration.ofSeconds(42));
				assertThat(client.serviceClientConfiguration().overrideConfiguration().retryStrategy()).get()
					.extracting(RetryStrategy::maxAttempts)
					.isEqualTo(1);
				// a customizer cannot redirect the calls either: the endpoint is applied
				// last
				assertThat(client.serviceClientConfiguration().endpointOverride()).contains(URI.create(ENDPOINT));
			});
	}

	@Test
	void connectionDetailsBeanReplacesProperties() {
		this.contextRunner.withUserConfiguration(ConnectionDetailsConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(WebSocketApiConnectionDetails.class)
				.doesNotHaveBean(PropertiesWebSocketApiConnectionDetails.class);
			assertClients(context, URI.create("http://127.0.0.1:4510/local"), Region.US_EAST_1);
			ApiGatewayManagementApiClient client = context.getBean(ApiGatewayManagementApiClient.class);
			assertThat(client.serviceClientConfiguration().credentialsProvider())
				.isSameAs(ConnectionDetailsConfiguration.CREDENTIALS);
		});
	}

	@Test
	void userBeansMakeEveryBeanBackOff() {
		this.contextRunner.withPropertyValues("apigw.websocket.endpoint=" + ENDPOINT)
			.withUserConfiguration(UserBeansConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(ApiGatewayManagementApiClient.class)
					.hasSingleBean(ApiGatewayManagementApiAsyncClient.class)
					.hasSingleBean(ManagementEndpoint.class)
					.hasSingleBean(WebSocketConnectionTemplate.class)
					.hasSingleBean(ConnectionRegistry.class)
					.hasSingleBean(ConnectionLifecycle.class)
					.hasSingleBean(PayloadConverter.class);
				assertThat(context.getBean(ApiGatewayManagementApiClient.class))
					.isSameAs(context.getBean("userClient"));
				assertThat(context.getBean(ApiGatewayManagementApiAsyncClient.class))
					.isSameAs(context.getBean("userAsyncClient"));
				assertThat(context.getBean(ManagementEndpoint.class)).isSameAs(context.getBean("userEndpoint"));
				assertThat(context.getBean(WebSocketConnectionTemplate.class))
					.isSameAs(context.getBean("userTemplate"));
				assertThat(context.getBean(ConnectionRegistry.class)).isSameAs(context.getBean("userRegistry"));
				assertThat(context.getBean(ConnectionLifecycle.class)).isSameAs(context.getBean("userLifecycle"));
				assertThat(context.getBean(PayloadConverter.class)).isSameAs(context.getBean("userConverter"));
			});
	}

	@Test
	void applicationJsonMapperIsUsedForPayloads() {
		this.contextRunner.withPropertyValues("apigw.websocket.endpoint=" + ENDPOINT)
			.withBean(JsonMapper.class, JsonMapper::new)
			.run((context) -> assertThat(context).hasSingleBean(JacksonPayloadConverter.class));
	}

	@Test
	void withoutJsonMapperBeanNoPayloadConverterIsDefined() {
		this.contextRunner.withPropertyValues("apigw.websocket.endpoint=" + ENDPOINT)
			.run((context) -> assertThat(context).doesNotHaveBean(PayloadConverter.class)
				.hasSingleBean(WebSocketConnectionTemplate.class));
	}

	@Test
	void withoutJacksonOnClasspathTemplateIsStillDefined() {
		this.contextRunner.withPropertyValues("apigw.websocket.endpoint=" + ENDPOINT)
			.withClassLoader(new FilteredClassLoader(JsonMapper.class))
			.run((context) -> assertThat(context).doesNotHaveBean(PayloadConverter.class)
				.hasSingleBean(WebSocketConnectionTemplate.class));
	}

	@Test
	void deliveryAndShutdownTimeoutDefaultsMatchTheTemplate() {
		WebSocketProperties properties = new WebSocketProperties();
		assertThat(properties.getDelivery()).isEqualTo(DeliveryMode.AT_MOST_ONCE);
		assertThat(properties.getShutdownTimeout()).isEqualTo(WebSocketConnectionTemplate.DEFAULT_SHUTDOWN_TIMEOUT);
		// longer than an attempt, so that an attempt in flight at shutdown can end by
		// itself
		assertThat(properties.getShutdownTimeout()).isGreaterThan(properties.getTimeout());
	}

	@Test
	void deliveryAndShutdownTimeoutAreBound() {
		this.contextRunner
			.withPropertyValues("apigw.websocket.endpoint=" + ENDPOINT, "apigw.websocket.delivery=at-least-once",
					"apigw.websocket.shutdown-timeout=3s")
			.run((context) -> {
				WebSocketProperties properties = context.getBean(WebSocketProperties.class);
				assertThat(properties.getDelivery()).isEqualTo(DeliveryMode.AT_LEAST_ONCE);
				assertThat(properties.getShutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
			});
	}

	@Test
	void templateIsALifecycleBeanThatStopsWithTheContext() {
		this.contextRunner.withPropertyValues("apigw.websocket.endpoint=" + ENDPOINT).run((context) -> {
			WebSocketConnectionTemplate template = context.getBean(WebSocketConnectionTemplate.class);
			assertThat(template.isRunning()).isTrue();
			context.close();
			assertThat(template.isRunning()).isFalse();
		});
	}

	@Test
	void replacedRetryIoErrorsPropertyFailsNamingItsReplacement() {
		this.contextRunner
			.withPropertyValues("apigw.websocket.endpoint=" + ENDPOINT, "apigw.websocket.retry.retry-io-errors=true")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining(
						"'apigw.websocket.retry.retry-io-errors' was replaced by " + "'apigw.websocket.delivery'")
				.hasStackTraceContaining("apigw.websocket.delivery=at-least-once"));
		this.contextRunner
			.withPropertyValues("apigw.websocket.endpoint=" + ENDPOINT, "apigw.websocket.retry.retryIoErrors=false")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("'apigw.websocket.retry.retry-io-errors' was replaced"));
	}

	@Test
	void pruneOnGoneSwitchedOffKeepsTheLifecycleOfInboundEvents() {
		// a 410 then leaves the registry alone (WebSocketAutoConfigurationHttpTests),
		// $connect and $disconnect do not
		this.contextRunner
			.withPropertyValues("apigw.websocket.endpoint=" + ENDPOINT, "apigw.websocket.prune-on-gone=false")
			.run((context) -> assertThat(context).hasSingleBean(ConnectionLifecycle.class)
				.hasSingleBean(ConnectionRegistry.class));
	}

	@Test
	void pruneGracePeriodDefaultsToFiveSeconds() {
		this.contextRunner.withPropertyValues("apigw.websocket.endpoint=" + ENDPOINT).run((context) -> {
			assertThat(context.getBean(WebSocketProperties.class).getPruneGracePeriod())
				.isEqualTo(Duration.ofSeconds(5));
			ConnectionRegistry registry = context.getBean(ConnectionRegistry.class);
			registry.register("new", Map.of());
			reportGone(context, "new", Duration.ofMillis(4999));
			assertThat(registry.contains("new")).isTrue();
			reportGone(context, "new", Duration.ofSeconds(5));
			assertThat(registry.contains("new")).isFalse();
		});
	}

	@Test
	void pruneGracePeriodIsBoundAndApplied() {
		this.contextRunner
			.withPropertyValues("apigw.websocket.endpoint=" + ENDPOINT, "apigw.websocket.prune-grace-period=1m")
			.run((context) -> {
				assertThat(context.getBean(WebSocketProperties.class).getPruneGracePeriod())
					.isEqualTo(Duration.ofMinutes(1));
				ConnectionRegistry registry = context.getBean(ConnectionRegistry.class);
				registry.register("new", Map.of());
				reportGone(context, "new", Duration.ofSeconds(59));
				assertThat(registry.contains("new")).isTrue();
				reportGone(context, "new", Duration.ofMinutes(1));
				assertThat(registry.contains("new")).isFalse();
			});
	}

	@Test
	void zeroPruneGracePeriodPrunesAtOnce() {
		this.contextRunner
			.withPropertyValues("apigw.websocket.endpoint=" + ENDPOINT, "apigw.websocket.prune-grace-period=0")
			.run((context) -> {
				ConnectionRegistry registry = context.getBean(ConnectionRegistry.class);
				registry.register("new", Map.of());
				reportGone(context, "new", Duration.ZERO);
				assertThat(registry.contains("new")).isFalse();
			});
	}

	@Test
	void disabledDefinesNothing() {
		this.contextRunner.withPropertyValues("apigw.websocket.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketConnectionTemplate.class)
				.doesNotHaveBean(ApiGatewayManagementApiClient.class)
				.doesNotHaveBean(WebSocketApiConnectionDetails.class)
				.doesNotHaveBean(ConnectionRegistry.class)
				.doesNotHaveBean(WebSocketProperties.class));
	}

	@Test
	void withoutSdkModuleNothingIsDefined() {
		this.contextRunner.withPropertyValues("apigw.websocket.endpoint=" + ENDPOINT)
			.withClassLoader(new FilteredClassLoader(ApiGatewayManagementApiClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketConnectionTemplate.class));
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			retry.max-attempts            | 0    | 'maxAttempts' must be at least 1, was 0
			retry.initial-backoff         | -1ms | 'initialBackoff' must not be negative
			retry.multiplier              | 0.5  | 'multiplier' must be at least 1, was 0.5
			retry.max-backoff             | 10ms | 'maxBackoff' (PT0.01S) must not be smaller than 'initialBackoff'
			retry.max-elapsed             | 0s   | 'maxElapsed' must be positive
			broadcast.max-concurrency     | 0    | 'maxConcurrency' must be at least 1, was 0
			broadcast.messages-per-second | -1   | 'messagesPerSecond' must be 0 (no limit) or positive
			broadcast.max-duration        | 0s   | 'maxDuration' must be positive, was PT0S
			shutdown-timeout              | -1s  | 'shutdownTimeout' must not be negative, was PT-1S
			prune-grace-period            | -1s  | 'gracePeriod' must not be negative, but was PT-1S
			""")
	void invalidPropertyValueFailsNamingTheProperty(String property, String value, String reason) {
		this.contextRunner
			.withPropertyValues("apigw.websocket.endpoint=" + ENDPOINT, "apigw.websocket." + property + "=" + value)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
					assertThat(ex.getName()).isEqualTo("apigw.websocket." + property);
					assertThat(ex.getReason()).contains(reason);
				}));
	}

	@Test
	void missingEndpointFailsWithAnalysisNamingEndpoint() {
		this.contextRunner.run(failsWith("apigw.websocket.endpoint", "No API Gateway WebSocket endpoint"));
	}

	@Test
	void executeApiHostWithoutStageFailsWithAnalysisNamingStage() {
		this.contextRunner
			.withPropertyValues("apigw.websocket.endpoint=https://abc123.execute-api.eu-central-1.amazonaws.com")
			.run(failsWith("apigw.websocket.stage", "without a stage"));
	}

	@Test
	void customDomainWithoutRegionFailsWithAnalysisNamingRegion() {
		this.contextRunner.withPropertyValues("apigw.websocket.endpoint=https://ws.example.com")
			.run(failsWith("apigw.websocket.region", "custom domain"));
	}

	@Test
	void malformedEndpointFailsWithAnalysisNamingEndpoint() {
		this.contextRunner.withPropertyValues("apigw.websocket.endpoint=https://exa mple.com")
			.run(failsWith("apigw.websocket.endpoint", "not a valid URI"));
	}

	// as the template reports a 410, that long after the connection's registration
	private static void reportGone(ApplicationContext context, String connectionId, Duration afterRegistration) {
		Instant registeredAt = context.getBean(ConnectionRegistry.class).registeredAt(connectionId).orElseThrow();
		context.getBean(ConnectionLifecycle.class)
			.gone(new WebSocketConnectionGoneEvent(connectionId, ManagementOperation.POST, URI.create(ENDPOINT),
					registeredAt.plus(afterRegistration)));
	}

	private static ContextConsumer<AssertableApplicationContext> failsWith(String property, String description) {
		return (context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains(description);
			assertThat(analysis.getAction()).startsWith("Set '" + property + "'");
		};
	}

	private static FailureAnalysis analyze(Throwable failure) {
		// through spring.factories, as Spring Boot finds it at startup
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, ArgumentResolver.of(Environment.class, new StandardEnvironment()),
					(factoryType, factoryName, ex) -> {
						// analyzers of other modules may need constructor arguments: not
						// the one under test
					});
		return analyzers.stream()
			.filter(InvalidWebSocketEndpointFailureAnalyzer.class::isInstance)
			.map((analyzer) -> analyzer.analyze(failure))
			.findFirst()
			.orElseThrow();
	}

	private static void assertClients(AssertableApplicationContext context, URI endpoint, Region region) {
		assertThat(context).hasNotFailed();
		for (AwsServiceClientConfiguration configuration : clientConfigurations(context)) {
			assertThat(configuration.endpointOverride()).contains(endpoint);
			assertThat(configuration.region()).isEqualTo(region);
		}
	}

	private static List<AwsServiceClientConfiguration> clientConfigurations(AssertableApplicationContext context) {
		return List.of(context.getBean(ApiGatewayManagementApiClient.class).serviceClientConfiguration(),
				context.getBean(ApiGatewayManagementApiAsyncClient.class).serviceClientConfiguration());
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		List<String> calls() {
			return new CopyOnWriteArrayList<>();
		}

		@Bean
		@Order(2)
		AwsClientCustomizer<ApiGatewayManagementApiClientBuilder> secondCustomizer(List<String> calls) {
			return (builder) -> {
				calls.add("sync-second");
				builder.endpointOverride(URI.create("https://elsewhere.example.com"));
			};
		}

		@Bean
		@Order(1)
		AwsClientCustomizer<ApiGatewayManagementApiClientBuilder> firstCustomizer(List<String> calls) {
			return (builder) -> {
				calls.add("sync-first");
				builder.overrideConfiguration(
						builder.overrideConfiguration().toBuilder().apiCallTimeout(Duration.ofSeconds(42)).build());
			};
		}

		@Bean
		AwsClientCustomizer<ApiGatewayManagementApiAsyncClientBuilder> asyncCustomizer(List<String> calls) {
			return (builder) -> calls.add("async-only");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConnectionDetailsConfiguration {

		static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider
			.create(AwsBasicCredentials.create("emulator", "emulator"));

		@Bean
		WebSocketApiConnectionDetails emulatorConnectionDetails() {
			return new WebSocketApiConnectionDetails() {

				@Override
				public URI getEndpoint() {
					return URI.create("http://127.0.0.1:4510/local");
				}

				@Override
				public Region getRegion() {
					return Region.US_EAST_1;
				}

				@Override
				public StaticCredentialsProvider getCredentialsProvider() {
					return CREDENTIALS;
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeansConfiguration {

		@Bean
		ApiGatewayManagementApiClient userClient() {
			return ApiGatewayManagementApiClient.builder()
				.region(Region.EU_WEST_1)
				.endpointOverride(URI.create("https://user.example.com"))
				.credentialsProvider(ConnectionDetailsConfiguration.CREDENTIALS)
				.build();
		}

		@Bean
		ApiGatewayManagementApiAsyncClient userAsyncClient() {
			return ApiGatewayManagementApiAsyncClient.builder()
				.region(Region.EU_WEST_1)
				.endpointOverride(URI.create("https://user.example.com"))
				.credentialsProvider(ConnectionDetailsConfiguration.CREDENTIALS)
				.build();
		}

		@Bean
		ManagementEndpoint userEndpoint() {
			return ManagementEndpoint.of(URI.create("https://user.example.com"));
		}

		@Bean
		WebSocketConnectionTemplate userTemplate(ApiGatewayManagementApiClient client,
				ApiGatewayManagementApiAsyncClient asyncClient, ManagementEndpoint endpoint) {
			return WebSocketConnectionTemplate.builder()
				.client(client)
				.asyncClient(asyncClient)
				.endpoint(endpoint)
				.build();
		}

		@Bean
		ConnectionRegistry userRegistry() {
			return new InMemoryConnectionRegistry();
		}

		@Bean
		ConnectionLifecycle userLifecycle(ConnectionRegistry registry) {
			return new ConnectionLifecycle(registry);
		}

		@Bean
		PayloadConverter userConverter() {
			return (payload) -> payload.toString().getBytes();
		}

	}

}
