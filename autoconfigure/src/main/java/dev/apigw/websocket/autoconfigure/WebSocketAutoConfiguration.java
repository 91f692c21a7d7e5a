package dev.apigw.websocket.autoconfigure;

import io.awspring.cloud.autoconfigure.AwsAsyncClientCustomizer;
import io.awspring.cloud.autoconfigure.AwsClientCustomizer;
import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClientBuilder;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClientBuilder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.apigw.websocket.BroadcastOptions;
import dev.apigw.websocket.ManagementEndpoint;
import dev.apigw.websocket.RetrySettings;
import dev.apigw.websocket.SendRateLimiter;
import dev.apigw.websocket.WebSocketConnectionTemplate;
import dev.apigw.websocket.observation.ManagementObservationConvention;
import dev.apigw.websocket.payload.JacksonPayloadConverter;
import dev.apigw.websocket.payload.PayloadConverter;
import dev.apigw.websocket.registry.ConnectionLifecycle;
import dev.apigw.websocket.registry.ConnectionRegistry;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for
 * {@link WebSocketConnectionTemplate}: the {@code ApiGatewayManagementApi} SDK clients
 * (built once, through Spring Cloud AWS, with SDK retries off because the template owns
 * retries), the template (a lifecycle bean that stops before the clients are closed), the
 * connection registry and the {@link ConnectionLifecycle} that keeps it in step, pruning
 * gone connections.
 *
 * @since 0.1.0
 */
@AutoConfiguration(
		after = { CredentialsProviderAutoConfiguration.class, RegionProviderAutoConfiguration.class,
				AwsAutoConfiguration.class },
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass({ WebSocketConnectionTemplate.class, ApiGatewayManagementApiClient.class,
		AwsClientBuilderConfigurer.class })
@ConditionalOnBooleanProperty(name = WebSocketProperties.PREFIX + ".enabled", matchIfMissing = true)
@Conditional(ManagementEndpointCondition.class)
@EnableConfigurationProperties(WebSocketProperties.class)
public final class WebSocketAutoConfiguration {

	private static final String DELIVERY = WebSocketProperties.PREFIX + ".delivery";

	private static final String REPLACED_RETRY_IO_ERRORS = WebSocketProperties.PREFIX + ".retry.retry-io-errors";

	@Bean
	@ConditionalOnMissingBean(WebSocketApiConnectionDetails.class)
	PropertiesWebSocketApiConnectionDetails webSocketApiConnectionDetails(WebSocketProperties properties,
			AwsClientBuilderConfigurer awsClientBuilderConfigurer) {
		return new PropertiesWebSocketApiConnectionDetails(properties,
				() -> awsClientBuilderConfigurer.resolveRegion(null, null));
	}

	@Bean
	@ConditionalOnMissingBean
	ApiGatewayManagementApiClient apiGatewayManagementApiClient(AwsClientBuilderConfigurer awsClientBuilderConfigurer,
			WebSocketApiConnectionDetails connectionDetails, WebSocketProperties properties,
			ObjectProvider<AwsClientCustomizer<ApiGatewayManagementApiClientBuilder>> customizers,
			ObjectProvider<AwsSyncClientCustomizer> commonCustomizers) {
		return new ManagementApiClientConfigurer(awsClientBuilderConfigurer, connectionDetails, properties)
			.buildClient(customizers.orderedStream(), commonCustomizers.orderedStream());
	}

	@Bean
	@ConditionalOnMissingBean
	ApiGatewayManagementApiAsyncClient apiGatewayManagementApiAsyncClient(
			AwsClientBuilderConfigurer awsClientBuilderConfigurer, WebSocketApiConnectionDetails connectionDetails,
			WebSocketProperties properties,
			ObjectProvider<AwsClientCustomizer<ApiGatewayManagementApiAsyncClientBuilder>> customizers,
			ObjectProvider<AwsAsyncClientCustomizer> commonCustomizers) {
		return new ManagementApiClientConfigurer(awsClientBuilderConfigurer, connectionDetails, properties)
			.buildAsyncClient(customizers.orderedStream(), commonCustomizers.orderedStream());
	}

	@Bean
	@ConditionalOnMissingBean
	ManagementEndpoint apigwWebSocketManagementEndpoint(WebSocketApiConnectionDetails connectionDetails,
			ApiGatewayManagementApiClient client) {
		ManagementEndpoint endpoint = ManagementEndpoint.of(connectionDetails.getEndpoint());
		// the client's region is the one it signs with, whichever source it came from
		String region = client.serviceClientConfiguration().region().id();
		return new ManagementEndpoint(endpoint.uri(), endpoint.apiId(), endpoint.stage(), region);
	}

	@Bean
	@ConditionalOnMissingBean
	WebSocketConnectionTemplate webSocketConnectionTemplate(ApiGatewayManagementApiClient client,
			ApiGatewayManagementApiAsyncClient asyncClient, ManagementEndpoint endpoint, WebSocketProperties properties,
			ApplicationEventPublisher eventPublisher, Environment environment,
			ObjectProvider<ConnectionLifecycle> connectionLifecycle,
			ObjectProvider<ConnectionRegistry> connectionRegistry,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ManagementObservationConvention> observationConvention,
			ObjectProvider<PayloadConverter> payloadConverter, ObjectProvider<MeterRegistry> meterRegistry,
			ObjectProvider<SendRateLimiter> rateLimiter,
			ObjectProvider<WebSocketConnectionTemplateCustomizer> customizers) {
		failOnReplacedRetryIoErrors(environment);
		return configuredBuilder(client, asyncClient, endpoint, properties, eventPublisher,
				new TemplateBeans(connectionLifecycle, connectionRegistry, observationRegistry, observationConvention,
						payloadConverter, meterRegistry, rateLimiter, customizers))
			.build();
	}

	/**
	 * A template builder configured from the properties and the application's beans, the
	 * customizers applied last; shared by the template bean and the templates a Lambda
	 * function builds per API.
	 */
	static WebSocketConnectionTemplate.Builder configuredBuilder(ApiGatewayManagementApiClient client,
			ApiGatewayManagementApiAsyncClient asyncClient, ManagementEndpoint endpoint, WebSocketProperties properties,
			ApplicationEventPublisher eventPublisher, TemplateBeans beans) {
		WebSocketConnectionTemplate.Builder builder = WebSocketConnectionTemplate.builder()
			.client(client)
			.asyncClient(asyncClient)
			.endpoint(endpoint)
			.deliveryMode(properties.getDelivery())
			.retrySettings(retrySettings(properties.getRetry()))
			.broadcastOptions(broadcastOptions(properties.getBroadcast()))
			.observationRegistry(beans.observationRegistry().getIfUnique(() -> ObservationRegistry.NOOP))
			.connectionLifecycle(properties.isPruneOnGone() ? beans.connectionLifecycle().getIfUnique() : null)
			.connectionRegistry(beans.connectionRegistry().getIfUnique())
			.eventPublisher(eventPublisher);
		new PropertyArguments()
			.argument("shutdownTimeout", WebSocketProperties.PREFIX + ".shutdown-timeout",
					properties.getShutdownTimeout())
			.create(() -> builder.shutdownTimeout(properties.getShutdownTimeout()));
		beans.observationConvention().ifUnique(builder::observationConvention);
		beans.payloadConverter().ifUnique(builder::payloadConverter);
		beans.meterRegistry().ifUnique(builder::meterRegistry);
		beans.rateLimiter().ifUnique(builder::rateLimiter);
		beans.customizers().orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

	private static RetrySettings retrySettings(WebSocketProperties.Retry retry) {
		String prefix = WebSocketProperties.PREFIX + ".retry.";
		return new PropertyArguments().argument("maxAttempts", prefix + "max-attempts", retry.getMaxAttempts())
			.argument("initialBackoff", prefix + "initial-backoff", retry.getInitialBackoff())
			.argument("multiplier", prefix + "multiplier", retry.getMultiplier())
			.argument("maxBackoff", prefix + "max-backoff", retry.getMaxBackoff())
			.argument("maxElapsed", prefix + "max-elapsed", retry.getMaxElapsed())
			.create(() -> new RetrySettings(retry.getMaxAttempts(), retry.getInitialBackoff(), retry.getMultiplier(),
					retry.getMaxBackoff(), retry.getMaxElapsed(), retry.isRetryServerErrors()));
	}

	private static BroadcastOptions broadcastOptions(WebSocketProperties.Broadcast broadcast) {
		String prefix = WebSocketProperties.PREFIX + ".broadcast.";
		return new PropertyArguments()
			.argument("maxConcurrency", prefix + "max-concurrency", broadcast.getMaxConcurrency())
			.argument("messagesPerSecond", prefix + "messages-per-second", broadcast.getMessagesPerSecond())
			.argument("maxDuration", prefix + "max-duration", broadcast.getMaxDuration())
			.create(() -> new BroadcastOptions(broadcast.getMaxConcurrency(), broadcast.getMessagesPerSecond(),
					broadcast.getMaxDuration(), broadcast.isAdaptive()));
	}

	// a removed property would be ignored silently, and it used to allow duplicate posts
	private static void failOnReplacedRetryIoErrors(Environment environment) {
		if (Binder.get(environment).bind(REPLACED_RETRY_IO_ERRORS, Bindable.of(String.class)).isBound()) {
			throw new IllegalStateException("'" + REPLACED_RETRY_IO_ERRORS + "' was replaced by '" + DELIVERY
					+ "': remove it, and set '" + DELIVERY + "=at-least-once' to "
					+ "repeat posts that timed out or were reset (a message may then be delivered twice); "
					+ "the default 'at-most-once' never repeats them");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JsonMapper.class)
	static class JacksonPayloadConfiguration {

		@Bean
		@ConditionalOnMissingBean(PayloadConverter.class)
		@ConditionalOnBean(JsonMapper.class)
		JacksonPayloadConverter jacksonPayloadConverter(JsonMapper jsonMapper) {
			return new JacksonPayloadConverter(jsonMapper);
		}

	}

	@Bean
	@ConditionalOnMissingBean
	ConnectionLifecycle connectionLifecycle(ConnectionRegistry connectionRegistry, WebSocketProperties properties,
			ObjectProvider<MeterRegistry> meterRegistry) {
		return new PropertyArguments()
			.argument("gracePeriod", WebSocketProperties.PREFIX + ".prune-grace-period",
					properties.getPruneGracePeriod())
			.create(() -> new ConnectionLifecycle(connectionRegistry, properties.getPruneGracePeriod(),
					meterRegistry.getIfUnique()));
	}

}
