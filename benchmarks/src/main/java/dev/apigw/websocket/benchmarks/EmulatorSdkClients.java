package dev.apigw.websocket.benchmarks;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * Real AWS SDK management clients aimed at an emulator on loopback, configured as the
 * auto-configuration configures them: static dummy credentials, SDK retries off (one
 * retry layer), apache5 for the sync client and Netty for the async one.
 */
final class EmulatorSdkClients {

	private static final AwsCredentialsProvider CREDENTIALS = StaticCredentialsProvider
		.create(AwsBasicCredentials.create("AKIDBENCH", "bench"));

	private EmulatorSdkClients() {
	}

	static ApiGatewayManagementApiClient sync(URI endpoint, int maxConnections) {
		return ApiGatewayManagementApiClient.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.credentialsProvider(CREDENTIALS)
			.httpClientBuilder(Apache5HttpClient.builder().maxConnections(maxConnections))
			.overrideConfiguration(EmulatorSdkClients::noRetries)
			.build();
	}

	static ApiGatewayManagementApiAsyncClient async(URI endpoint, int maxConcurrency) {
		return ApiGatewayManagementApiAsyncClient.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.credentialsProvider(CREDENTIALS)
			.httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(maxConcurrency))
			.overrideConfiguration(EmulatorSdkClients::noRetries)
			.build();
	}

	private static void noRetries(ClientOverrideConfiguration.Builder config) {
		config.retryStrategy((retry) -> retry.maxAttempts(1));
	}

}
