package dev.apigw.websocket.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.apigw.websocket.ManagementEndpoint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebSocketApiHealthIndicator} when the real SDK client fails before any
 * request leaves the JVM, as it does with mixed SDK versions ("A signer was not configured").
 */
class WebSocketApiHealthIndicatorTests {

	private static final URI ENDPOINT = URI.create("http://127.0.0.1:9/prod");

	private final AtomicInteger attempts = new AtomicInteger();

	private ApiGatewayManagementApiClient client;

	@AfterEach
	void closeClient() {
		if (this.client != null) {
			this.client.close();
		}
	}

	@Test
	void clientSideFailureIsDownWithItsReason() {
		WebSocketApiHealthIndicator indicator = indicator(new IllegalStateException("A signer was not configured."),
				Duration.ZERO);
		Health health = indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("endpoint", ENDPOINT.toString())
			.containsEntry("error", "java.lang.IllegalStateException: A signer was not configured.");
	}

	@Test
	void linkageErrorFromMixedSdkVersionsIsDown() {
		WebSocketApiHealthIndicator indicator = indicator(new NoSuchMethodError("software.amazon.awssdk.Foo.bar()"),
				Duration.ZERO);
		assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void clientSideFailureIsCached() {
		WebSocketApiHealthIndicator indicator = indicator(new IllegalStateException("A signer was not configured."),
				Duration.ofHours(1));
		for (int i = 0; i < 3; i++) {
			assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
		}
		assertThat(this.attempts).hasValue(1);
	}

	private WebSocketApiHealthIndicator indicator(Throwable failure, Duration cacheTtl) {
		ExecutionInterceptor failing = new ExecutionInterceptor() {

			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
				WebSocketApiHealthIndicatorTests.this.attempts.incrementAndGet();
				if (failure instanceof RuntimeException runtime) {
					throw runtime;
				}
				throw (Error) failure;
			}

		};
		this.client = ApiGatewayManagementApiClient.builder()
			.endpointOverride(ENDPOINT)
			.region(Region.EU_WEST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
			.overrideConfiguration((c) -> c.addExecutionInterceptor(failing))
			.build();
		return new WebSocketApiHealthIndicator(this.client, ManagementEndpoint.of(ENDPOINT), cacheTtl);
	}

}
