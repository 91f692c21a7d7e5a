package dev.apigw.websocket;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

import dev.apigw.websocket.event.WebSocketConnectionGoneEvent;
import dev.apigw.websocket.testfixture.ManagementApiTestClients;

/**
 * Real SDK clients ({@link ManagementApiTestClients}) pointed at the {@code /prod} stage
 * of a stub server on 127.0.0.1, and a template builder preset with them, fast retries
 * and a recording event publisher.
 */
final class ManagementApiClients implements AutoCloseable {

	static final RetrySettings FAST_RETRIES = fastRetries(3);

	final ManagementEndpoint endpoint;

	final ApiGatewayManagementApiClient client;

	final ApiGatewayManagementApiAsyncClient asyncClient;

	final List<WebSocketConnectionGoneEvent> goneEvents = new CopyOnWriteArrayList<>();

	ManagementApiClients(int port, Duration attemptTimeout, ExecutionInterceptor... interceptors) {
		this(port, attemptTimeout, ManagementApiTestClients.CREDENTIALS, interceptors);
	}

	ManagementApiClients(int port, Duration attemptTimeout, AwsCredentialsProvider credentials,
			ExecutionInterceptor... interceptors) {
		URI uri = URI.create("http://127.0.0.1:" + port + "/prod");
		ManagementApiTestClients clients = ManagementApiTestClients.at(uri)
			.credentials(credentials)
			.attemptTimeout(attemptTimeout)
			.interceptors(interceptors)
			.maxConnections(128);
		this.endpoint = ManagementEndpoint.of(uri);
		this.client = clients.client();
		this.asyncClient = clients.asyncClient();
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
