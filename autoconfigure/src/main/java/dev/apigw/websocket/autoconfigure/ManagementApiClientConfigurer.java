package dev.apigw.websocket.autoconfigure;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import io.awspring.cloud.autoconfigure.AwsAsyncClientCustomizer;
import io.awspring.cloud.autoconfigure.AwsClientProperties;
import io.awspring.cloud.autoconfigure.AwsClientCustomizer;
import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClientBuilder;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClientBuilder;

/**
 * Builds the {@code ApiGatewayManagementApi} clients in three steps: Spring Cloud AWS's
 * common configuration and every customizer (shared {@link AwsSyncClientCustomizer} /
 * {@link AwsAsyncClientCustomizer} and {@link AwsClientCustomizer}s of these builders);
 * then, last, what the template relies on: SDK retries off (the template is the one retry
 * layer) and the per-attempt timeout, merged into whatever override configuration the
 * customizers left, and the endpoint, region and credentials of the
 * {@link WebSocketApiConnectionDetails}, so that {@code spring.cloud.aws.endpoint} or
 * another service connection cannot redirect the calls. A customizer that set a retry
 * strategy or an attempt timeout is named in a warning, since both are replaced.
 */
final class ManagementApiClientConfigurer {

	private static final Log logger = LogFactory.getLog(ManagementApiClientConfigurer.class);

	private static final int DEFAULT_NETTY_MAX_CONCURRENCY = 50;

	private static final Duration CONNECTION_MAX_IDLE_TIME = Duration.ofSeconds(60);

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
		// Every SDK service module brings the Apache 4 client at run time, and the SDK
		// prefers it when no client is set: apache5 (the one we declare and measured) is
		// chosen explicitly, before the customizers, so that an application can still
		// choose its own.
		ApiGatewayManagementApiClientBuilder builder = ApiGatewayManagementApiClient.builder()
			.httpClientBuilder(Apache5HttpClient.builder());
		this.awsConfigurer.configureSyncClient(builder, clientProperties(), null,
				customizers.map((customizer) -> watched(builder, customizer)),
				commonCustomizers.map((customizer) -> watchedSync(builder, customizer)));
		return applyConnectionDetails(applyOneRetryLayer(builder)).build();
	}

	ApiGatewayManagementApiAsyncClient buildAsyncClient(
			Stream<AwsClientCustomizer<ApiGatewayManagementApiAsyncClientBuilder>> customizers,
			Stream<AwsAsyncClientCustomizer> commonCustomizers) {
		// Netty's default pool (50 connections) would silently cap a wider broadcast
		// window. Netty closes a connection idle for 5 s by default: a broadcast paced
		// below its window, or the next one, would open them again (a TLS handshake
		// each), so idle connections are kept as long as the SDK's other clients keep
		// them. Set before the customizers, so that an application can still choose its
		// own client.
		ApiGatewayManagementApiAsyncClientBuilder builder = ApiGatewayManagementApiAsyncClient.builder()
			.httpClientBuilder(NettyNioAsyncHttpClient.builder()
				.maxConcurrency(Math.max(DEFAULT_NETTY_MAX_CONCURRENCY, this.broadcastConcurrency))
				.connectionMaxIdleTime(CONNECTION_MAX_IDLE_TIME));
		this.awsConfigurer.configureAsyncClient(builder, clientProperties(), null,
				customizers.map((customizer) -> watched(builder, customizer)),
				commonCustomizers.map((customizer) -> watchedAsync(builder, customizer)));
		return applyConnectionDetails(applyOneRetryLayer(builder)).build();
	}

	/**
	 * Our region as Spring Cloud AWS client properties, so that the configurer does not
	 * look for one in the environment (and fail on a machine without AWS configuration)
	 * when the connection details already know it.
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

	private <B extends AwsClientBuilder<B, ?>> AwsClientCustomizer<B> watched(B builder,
			AwsClientCustomizer<B> customizer) {
		return (target) -> watch(builder, customizer, () -> customizer.customize(target));
	}

	private AwsSyncClientCustomizer watchedSync(AwsClientBuilder<?, ?> builder, AwsSyncClientCustomizer customizer) {
		return (target) -> watch(builder, customizer, () -> customizer.customize(target));
	}

	private AwsAsyncClientCustomizer watchedAsync(AwsClientBuilder<?, ?> builder, AwsAsyncClientCustomizer customizer) {
		return (target) -> watch(builder, customizer, () -> customizer.customize(target));
	}

	// applies a customizer, and warns when it set what applyOneRetryLayer replaces
	private void watch(AwsClientBuilder<?, ?> builder, Object customizer, Runnable customize) {
		RetryRelevant before = RetryRelevant.of(builder.overrideConfiguration());
		customize.run();
		if (RetryRelevant.of(builder.overrideConfiguration()).setsMore(before)) {
			logger.warn(customizer.getClass().getName() + " set the retry strategy or the attempt timeout of an "
					+ "ApiGatewayManagementApi client: both are replaced, so that the template's retries are the "
					+ "only ones (configure them with '" + WebSocketProperties.PREFIX + ".retry.*' and '"
					+ WebSocketProperties.PREFIX + ".delivery') and each attempt times out after '"
					+ WebSocketProperties.PREFIX + ".timeout' (" + this.attemptTimeout + ")");
		}
	}

	/**
	 * SDK retries off and our attempt timeout, merged last into the override
	 * configuration the customizers left (a customizer's
	 * {@code overrideConfiguration(Consumer)} starts from a fresh one), keeping
	 * everything else they set.
	 */
	private <B extends AwsClientBuilder<B, ?>> B applyOneRetryLayer(B builder) {
		ClientOverrideConfiguration existing = builder.overrideConfiguration();
		ClientOverrideConfiguration.Builder override = (existing != null) ? existing.toBuilder()
				: ClientOverrideConfiguration.builder();
		// also clears any retry policy, retry mode or retry strategy configurator
		return builder.overrideConfiguration(override.retryStrategy(AwsRetryStrategy.doNotRetry())
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

	/**
	 * The parts of an override configuration that {@link #applyOneRetryLayer} replaces.
	 */
	private record RetryRelevant(@Nullable Object retryStrategy, @Nullable Object retryPolicy,
			@Nullable Object retryMode, @Nullable Object retryConfigurator, @Nullable Duration attemptTimeout) {

		static RetryRelevant of(@Nullable ClientOverrideConfiguration configuration) {
			if (configuration == null) {
				return new RetryRelevant(null, null, null, null, null);
			}
			return new RetryRelevant(value(configuration.retryStrategy()), value(configuration.retryPolicy()),
					value(configuration.retryMode()), value(configuration.retryStrategyConfigurator()),
					configuration.apiCallAttemptTimeout().orElse(null));
		}

		private static @Nullable Object value(Optional<?> optional) {
			return optional.orElse(null);
		}

		// whether a value was set or changed; a customizer that starts afresh and drops
		// them is no concern
		boolean setsMore(RetryRelevant before) {
			return changed(this.retryStrategy, before.retryStrategy) || changed(this.retryPolicy, before.retryPolicy)
					|| changed(this.retryMode, before.retryMode)
					|| changed(this.retryConfigurator, before.retryConfigurator)
					|| changed(this.attemptTimeout, before.attemptTimeout);
		}

		private static boolean changed(@Nullable Object now, @Nullable Object before) {
			return now != null && !Objects.equals(now, before);
		}

	}

}
