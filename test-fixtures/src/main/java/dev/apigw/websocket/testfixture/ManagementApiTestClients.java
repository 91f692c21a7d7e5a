package dev.apigw.websocket.testfixture;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * Real AWS SDK v2 {@code @connections} clients for this build's tests, set up as the
 * auto-configuration sets them up: apache5 for the sync client, Netty for the async one,
 * and SDK retries off (the template's retry layer is the only one). Unless a test names
 * its own, they sign with {@link #ACCESS_KEY}, {@link #SECRET_KEY} and {@link #REGION}.
 */
public final class ManagementApiTestClients {

	/**
	 * Access key of the default credentials.
	 */
	public static final String ACCESS_KEY = "AKIDTEST";

	/**
	 * Secret key of the default credentials.
	 */
	public static final String SECRET_KEY = "test-secret";

	/**
	 * Default signing region.
	 */
	public static final String REGION = "us-east-1";

	/**
	 * Default credentials: {@link #ACCESS_KEY} and {@link #SECRET_KEY}.
	 */
	public static final AwsCredentialsProvider CREDENTIALS = StaticCredentialsProvider
		.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));

	private final URI endpoint;

	private AwsCredentialsProvider credentials = CREDENTIALS;

	private String region = REGION;

	private @Nullable Duration attemptTimeout;

	private List<ExecutionInterceptor> interceptors = List.of();

	private int maxConnections;

	private ManagementApiTestClients(URI endpoint) {
		this.endpoint = Objects.requireNonNull(endpoint, "'endpoint' must not be null");
	}

	/**
	 * Start describing clients for the given endpoint.
	 * @param endpoint the management endpoint, stage included
	 * @return a description with the defaults, to refine
	 */
	public static ManagementApiTestClients at(URI endpoint) {
		return new ManagementApiTestClients(endpoint);
	}

	/**
	 * A sync client with the defaults.
	 * @param endpoint the management endpoint, stage included
	 * @return a new client; the caller closes it
	 */
	public static ApiGatewayManagementApiClient client(URI endpoint) {
		return at(endpoint).client();
	}

	/**
	 * An async client with the defaults.
	 * @param endpoint the management endpoint, stage included
	 * @return a new client; the caller closes it
	 */
	public static ApiGatewayManagementApiAsyncClient asyncClient(URI endpoint) {
		return at(endpoint).asyncClient();
	}

	/**
	 * Post a text to a connection and wait for the answer.
	 * @param client the client to post with
	 * @param connectionId the connection, not encoded
	 * @param text the message, sent as UTF-8
	 */
	public static void post(ApiGatewayManagementApiClient client, String connectionId, String text) {
		client.postToConnection((request) -> request.connectionId(connectionId).data(SdkBytes.fromUtf8String(text)));
	}

	/**
	 * Sign with other credentials.
	 * @param credentials the credentials, for example anonymous ones
	 * @return this
	 */
	public ManagementApiTestClients credentials(AwsCredentialsProvider credentials) {
		this.credentials = Objects.requireNonNull(credentials, "'credentials' must not be null");
		return this;
	}

	/**
	 * Sign with other static credentials.
	 * @param accessKey the access key id
	 * @param secretKey the secret access key
	 * @return this
	 */
	public ManagementApiTestClients credentials(String accessKey, String secretKey) {
		return credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
	}

	/**
	 * Sign for another region.
	 * @param region the region id, for example {@code eu-west-1}
	 * @return this
	 */
	public ManagementApiTestClients region(String region) {
		this.region = Objects.requireNonNull(region, "'region' must not be null");
		return this;
	}

	/**
	 * Limit each attempt, as {@code apigw.websocket.timeout} does; none by default.
	 * @param attemptTimeout the limit of one attempt
	 * @return this
	 */
	public ManagementApiTestClients attemptTimeout(Duration attemptTimeout) {
		this.attemptTimeout = Objects.requireNonNull(attemptTimeout, "'attemptTimeout' must not be null");
		return this;
	}

	/**
	 * Add interceptors to every call, in order.
	 * @param interceptors the interceptors
	 * @return this
	 */
	public ManagementApiTestClients interceptors(ExecutionInterceptor... interceptors) {
		this.interceptors = List.of(interceptors);
		return this;
	}

	/**
	 * Size the HTTP client: pooled connections of the sync client, concurrent requests of
	 * the async one; the SDK's defaults otherwise.
	 * @param maxConnections the limit, at least 1
	 * @return this
	 */
	public ManagementApiTestClients maxConnections(int maxConnections) {
		if (maxConnections < 1) {
			throw new IllegalArgumentException("'maxConnections' must be at least 1 but was " + maxConnections);
		}
		this.maxConnections = maxConnections;
		return this;
	}

	/**
	 * Build a sync client on apache5.
	 * @return a new client; the caller closes it
	 */
	public ApiGatewayManagementApiClient client() {
		Apache5HttpClient.Builder http = Apache5HttpClient.builder();
		if (this.maxConnections > 0) {
			http.maxConnections(this.maxConnections);
		}
		return configure(ApiGatewayManagementApiClient.builder()).httpClientBuilder(http).build();
	}

	/**
	 * Build an async client on Netty.
	 * @return a new client; the caller closes it
	 */
	public ApiGatewayManagementApiAsyncClient asyncClient() {
		NettyNioAsyncHttpClient.Builder http = NettyNioAsyncHttpClient.builder();
		if (this.maxConnections > 0) {
			http.maxConcurrency(this.maxConnections);
		}
		return configure(ApiGatewayManagementApiAsyncClient.builder()).httpClientBuilder(http).build();
	}

	private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
		return builder.endpointOverride(this.endpoint)
			.region(Region.of(this.region))
			.credentialsProvider(this.credentials)
			.overrideConfiguration(overrideConfiguration());
	}

	private ClientOverrideConfiguration overrideConfiguration() {
		ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
			// as the auto-configuration does: the template's retry layer is the only one
			.retryStrategy(AwsRetryStrategy.doNotRetry())
			.executionInterceptors(this.interceptors);
		if (this.attemptTimeout != null) {
			override.apiCallAttemptTimeout(this.attemptTimeout);
		}
		return override.build();
	}

}
