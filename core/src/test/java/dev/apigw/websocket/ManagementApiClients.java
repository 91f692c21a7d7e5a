package dev.apigw.websocket;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

import dev.apigw.websocket.event.WebSocketConnectionGoneEvent;

/**
 * Real SDK clients (apache5 sync, Netty async) pointed at the {@code /prod} stage of a
 * stub server on 127.0.0.1 with SDK retries off, and a template builder preset with
 * them, fast retries and a recording event publisher.
 */
final class ManagementApiClients implements AutoCloseable {

	static final RetrySettings FAST_RETRIES = fastRetries(3);

	static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider
		.create(AwsBasicCredentials.create("AKIDTEST", "test-secret"));

	final ManagementEndpoint endpoint;

	final ApiGatewayManagementApiClient client;

	final ApiGatewayManagementApiAsyncClient asyncClient;

	final List<WebSocketConnectionGoneEvent> goneEvents = new CopyOnWriteArrayList<>();

	ManagementApiClients(int port, Duration attemptTimeout, ExecutionInterceptor... interceptors) {
		this(port, attemptTimeout, CREDENTIALS, interceptors);
	}

	ManagementApiClients(int port, Duration attemptTimeout, AwsCredentialsProvider credentials,
			ExecutionInterceptor... interceptors) {
		URI uri = URI.create("http://127.0.0.1:" + port + "/prod");
		ClientOverrideConfiguration override = ClientOverrideConfiguration.builder()
			.retryStrategy(AwsRetryStrategy.doNotRetry())
			.apiCallAttemptTimeout(attemptTimeout)
			.executionInterceptors(List.of(interceptors))
			.build();
		this.endpoint = ManagementEndpoint.of(uri);
		this.client = ApiGatewayManagementApiClient.builder()
			.endpointOverride(uri)
			.region(Region.EU_WEST_1)
			.credentialsProvider(credentials)
			.httpClientBuilder(Apache5HttpClient.builder())
			.overrideConfiguration(override)
			.build();
		this.asyncClient = ApiGatewayManagementApiAsyncClient.builder()
			.endpointOverride(uri)
			.region(Region.EU_WEST_1)
			.credentialsProvider(credentials)
			.httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(128))
			.overrideConfiguration(override)
			.build();
	}

	/**
	 * Retry settings with millisecond backoffs, retrying server errors.
	 */
	static RetrySettings fastRetries(int maxAttempts) {
		return new RetrySettings(maxAttempts, Duration.ofMillis(1), 2.0, Duration.ofMillis(5), Duration.ofSeconds(10),
				true);
	}

	WebSocketConnectionTemplate.Builder templateBuilder() {
		return WebSocketConnectionTemplate.builder()
			.client(this.client)
			.asyncClient(this.asyncClient)
			.endpoint(this.endpoint)
			.retrySettings(FAST_RETRIES)
			.eventPublisher((event) -> this.goneEvents.add((WebSocketConnectionGoneEvent) event));
	}

	@Override
	public void close() {
		this.client.close();
		this.asyncClient.close();
	}

}
