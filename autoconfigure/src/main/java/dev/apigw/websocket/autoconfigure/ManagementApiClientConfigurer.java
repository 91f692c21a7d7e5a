package dev.apigw.websocket.autoconfigure;

import java.time.Duration;
import java.util.stream.Stream;

import io.awspring.cloud.autoconfigure.AwsAsyncClientCustomizer;
import io.awspring.cloud.autoconfigure.AwsClientProperties;
import io.awspring.cloud.autoconfigure.AwsClientCustomizer;
import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClientBuilder;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClientBuilder;

/**
 * Builds the {@code ApiGatewayManagementApi} clients in three steps: Spring Cloud AWS's
 * common configuration and customizers; our defaults (SDK retries off, because the
 * template owns retries, and the per-attempt timeout) before the application's client
 * customizers; and, last, the endpoint, region and credentials of the
 * {@link WebSocketApiConnectionDetails}, so that {@code spring.cloud.aws.endpoint} or
 * another service connection cannot redirect the calls.
 */
final class ManagementApiClientConfigurer {

	private static final int DEFAULT_NETTY_MAX_CONCURRENCY = 50;

	private final AwsClientBuilderConfigurer awsConfigurer;

	private final WebSocketApiConnectionDetails connectionDetails;

	private final Duration attemptTimeout;

	private final int broadcastConcurrency;

	ManagementApiClientConfigurer(AwsClientBuilderConfigurer awsConfigurer,
			WebSocketApiConnectionDetails connectionDetails, WebSocketProperties properties) {
		this.awsConfigurer = awsConfigurer;
		this.connectionDetails = connectionDetails;
		this.attemptTimeout = properties.getTimeout();
		this.broadcastConcurrency = properties.getBroadcast().getMaxConcurrency();
	}

	ApiGatewayManagementApiClient buildClient(
			Stream<AwsClientCustomizer<ApiGatewayManagementApiClientBuilder>> customizers,
			Stream<AwsSyncClientCustomizer> commonCustomizers) {
		ApiGatewayManagementApiClientBuilder builder = this.awsConfigurer.configureSyncClient(
				ApiGatewayManagementApiClient.builder(), clientProperties(), null, withDefaultsFirst(customizers),
				commonCustomizers);
		return applyConnectionDetails(builder).build();
	}

	ApiGatewayManagementApiAsyncClient buildAsyncClient(
			Stream<AwsClientCustomizer<ApiGatewayManagementApiAsyncClientBuilder>> customizers,
			Stream<AwsAsyncClientCustomizer> commonCustomizers) {
		// Netty's default pool (50 connections) would silently cap a wider broadcast window;
		// set before the customizers so that an application can still choose its own client
		ApiGatewayManagementApiAsyncClientBuilder defaults = ApiGatewayManagementApiAsyncClient.builder()
			.httpClientBuilder(NettyNioAsyncHttpClient.builder()
				.maxConcurrency(Math.max(DEFAULT_NETTY_MAX_CONCURRENCY, this.broadcastConcurrency)));
		ApiGatewayManagementApiAsyncClientBuilder builder = this.awsConfigurer.configureAsyncClient(defaults,
				clientProperties(), null, withDefaultsFirst(customizers), commonCustomizers);
		return applyConnectionDetails(builder).build();
	}

	/**
	 * Our region as Spring Cloud AWS client properties, so that the configurer does not look
	 * for one in the environment (and fail on a machine without AWS configuration) when the
	 * connection details already know it.
	 */
	private @Nullable AwsClientProperties clientProperties() {
		Region region = this.connectionDetails.getRegion();
		if (region == null) {
			return null;
		}
		AwsClientProperties properties = new AwsClientProperties() {
		};
		properties.setRegion(region.id());
		return properties;
	}

	private <B extends AwsClientBuilder<B, ?>> Stream<AwsClientCustomizer<B>> withDefaultsFirst(
			Stream<AwsClientCustomizer<B>> customizers) {
		AwsClientCustomizer<B> defaults = this::applyDefaults;
		return Stream.concat(Stream.of(defaults), customizers);
	}

	private <B extends AwsClientBuilder<B, ?>> void applyDefaults(B builder) {
		ClientOverrideConfiguration existing = builder.overrideConfiguration();
		ClientOverrideConfiguration.Builder override = (existing != null) ? existing.toBuilder()
				: ClientOverrideConfiguration.builder();
		builder.overrideConfiguration(override.retryStrategy(AwsRetryStrategy.doNotRetry())
			.apiCallAttemptTimeout(this.attemptTimeout)
			.build());
	}

	private <B extends AwsClientBuilder<B, ?>> B applyConnectionDetails(B builder) {
		builder.endpointOverride(this.connectionDetails.getEndpoint());
		Region region = this.connectionDetails.getRegion();
		if (region != null) {
			builder.region(region);
		}
		AwsCredentialsProvider credentials = this.connectionDetails.getCredentialsProvider();
		if (credentials != null) {
			builder.credentialsProvider(credentials);
		}
		return builder;
	}

}
