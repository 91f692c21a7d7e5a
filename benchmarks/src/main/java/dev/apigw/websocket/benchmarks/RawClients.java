package dev.apigw.websocket.benchmarks;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.crt.AwsCrtAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * Raw AWS SDK clients as an application without the template builds them: the SDK's own
 * default retries, only the HTTP client and its pool chosen.
 */
final class RawClients {

	private RawClients() {
	}

	static ApiGatewayManagementApiClient apache(URI endpoint) {
		return configure(ApiGatewayManagementApiClient.builder(), endpoint)
			.httpClientBuilder(ApacheHttpClient.builder())
			.build();
	}

	static ApiGatewayManagementApiClient apache5(URI endpoint) {
		return configure(ApiGatewayManagementApiClient.builder(), endpoint)
			.httpClientBuilder(Apache5HttpClient.builder())
			.build();
	}

	static ApiGatewayManagementApiClient urlConnection(URI endpoint) {
		return configure(ApiGatewayManagementApiClient.builder(), endpoint)
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.build();
	}

	/**
	 * @param maxConcurrency the pool size, 0 for the SDK's default (50)
	 */
	static ApiGatewayManagementApiAsyncClient netty(URI endpoint, int maxConcurrency) {
		NettyNioAsyncHttpClient.Builder http = NettyNioAsyncHttpClient.builder();
		if (maxConcurrency > 0) {
			http.maxConcurrency(maxConcurrency);
		}
		return configure(ApiGatewayManagementApiAsyncClient.builder(), endpoint).httpClientBuilder(http).build();
	}

	/**
	 * @param maxConcurrency the pool size, 0 for the SDK's default
	 */
	static ApiGatewayManagementApiAsyncClient crt(URI endpoint, int maxConcurrency) {
		AwsCrtAsyncHttpClient.Builder http = AwsCrtAsyncHttpClient.builder();
		if (maxConcurrency > 0) {
			http.maxConcurrency(maxConcurrency);
		}
		return configure(ApiGatewayManagementApiAsyncClient.builder(), endpoint).httpClientBuilder(http).build();
	}

	private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, URI endpoint) {
		return builder.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.credentialsProvider(
					StaticCredentialsProvider.create(AwsBasicCredentials.create("benchmark", "benchmark")));
	}

}
