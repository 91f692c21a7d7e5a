package dev.apigw.websocket.emulator;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * The real AWS SDK v2 management clients, as applications build them, with SDK retries off.
 */
final class ManagementClients {

	static final String ACCESS_KEY = "AKIDEMULATORTEST";

	static final String SECRET_KEY = "emulator-secret";

	static final String REGION = "us-east-1";

	private ManagementClients() {
	}

	static ApiGatewayManagementApiClient create(URI endpoint) {
		return create(endpoint, ACCESS_KEY, SECRET_KEY, REGION);
	}

	static ApiGatewayManagementApiClient create(URI endpoint, String accessKey, String secretKey, String region) {
		return create(endpoint, StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)),
				region);
	}

	/**
	 * The async client on the SDK's Netty HTTP client, with the default credentials.
	 */
	static ApiGatewayManagementApiAsyncClient createAsync(URI endpoint) {
		return ApiGatewayManagementApiAsyncClient.builder()
			.endpointOverride(endpoint)
			.region(Region.of(REGION))
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
			.httpClientBuilder(NettyNioAsyncHttpClient.builder())
			.overrideConfiguration(ManagementClients::noRetries)
			.build();
	}

	static ApiGatewayManagementApiClient anonymous(URI endpoint) {
		return create(endpoint, AnonymousCredentialsProvider.create(), REGION);
	}

	private static ApiGatewayManagementApiClient create(URI endpoint, AwsCredentialsProvider credentials,
			String region) {
		return ApiGatewayManagementApiClient.builder()
			.endpointOverride(endpoint)
			.region(Region.of(region))
			.credentialsProvider(credentials)
			.httpClientBuilder(Apache5HttpClient.builder())
			.overrideConfiguration(ManagementClients::noRetries)
			.build();
	}

	private static void noRetries(ClientOverrideConfiguration.Builder config) {
		config.retryStrategy((retry) -> retry.maxAttempts(1));
	}

	static void post(ApiGatewayManagementApiClient client, String connectionId, String text) {
		client.postToConnection((request) -> request.connectionId(connectionId).data(SdkBytes.fromUtf8String(text)));
	}

}
