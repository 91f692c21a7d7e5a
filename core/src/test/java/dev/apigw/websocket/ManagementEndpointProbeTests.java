package dev.apigw.websocket;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

import dev.apigw.websocket.ManagementEndpointProbe.Result;
import dev.apigw.websocket.ManagementEndpointProbe.Status;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ManagementEndpointProbe}: real SDK client, answers of a stub server on
 * 127.0.0.1, and failures raised inside the client before any request leaves the JVM.
 */
class ManagementEndpointProbeTests {

	@RegisterExtension
	static final ManagementApiExtension api = new ManagementApiExtension();

	private static final String PROBE_PATH = ManagementApiStubs.CONNECTIONS_PATH + "aGVhbHRoY2hlY2s%3D";

	private static final URI UNUSED_ENDPOINT = URI.create("http://127.0.0.1:9/prod");

	private final AtomicInteger attempts = new AtomicInteger();

	private ApiGatewayManagementApiClient failingClient;

	@AfterEach
	void closeClient() {
		if (this.failingClient != null) {
			this.failingClient.close();
		}
	}

	@Test
	void goneProbeIsUp() {
		stubProbe(ManagementApiStubs.error(410, "GoneException"));
		Result result = probe(Duration.ZERO).probe();
		assertThat(result.status()).isEqualTo(Status.UP);
		assertThat(result.details()).containsEntry("endpoint", api.clients().endpoint.uri().toString())
			.containsEntry("status", 410);
	}

	@Test
	void forbiddenIsDownWithTheHintTheTemplateGives() {
		// no x-amzn-ErrorType: the status decides
		stubProbe(ManagementApiStubs.errorWithoutType(403));
		Result result = probe(Duration.ZERO).probe();
		assertThat(result.status()).isEqualTo(Status.DOWN);
		assertThat(result.details()).containsEntry("status", 403)
			.containsEntry("outcome", "forbidden")
			.containsEntry("error", "Forbidden")
			.containsEntry("hint", ManagementForbiddenException.hint(api.clients().endpoint.uri()));
		assertThat((String) result.details().get("hint")).contains("stage", "region", "execute-api:ManageConnections");
	}

	@Test
	void throttledIsUnknown() {
		stubProbe(ManagementApiStubs.error(429, "LimitExceededException"));
		Result result = probe(Duration.ZERO).probe();
		assertThat(result.status()).isEqualTo(Status.UNKNOWN);
		assertThat(result.details()).containsEntry("status", 429).containsEntry("error", "Throttled");
	}

	@Test
	void serverErrorIsDownWithTheError() {
		stubProbe(aResponse().withStatus(500));
		Result result = probe(Duration.ZERO).probe();
		assertThat(result.status()).isEqualTo(Status.DOWN);
		assertThat(result.details()).containsEntry("status", 500).containsEntry("outcome", "server_error");
		assertThat((String) result.details().get("error")).contains("Status Code: 500");
	}

	@Test
	void resultsAndFailuresAreReusedForTheCacheTime() {
		stubProbe(aResponse().withStatus(500));
		ManagementEndpointProbe probe = probe(Duration.ofHours(1));
		for (int i = 0; i < 5; i++) {
			assertThat(probe.probe().status()).isEqualTo(Status.DOWN);
		}
		api.server().verify(1, getRequestedFor(urlPathEqualTo(PROBE_PATH)));
	}

	@Test
	void zeroCacheTimeProbesEveryTime() {
		stubProbe(ManagementApiStubs.error(410, "GoneException"));
		ManagementEndpointProbe probe = probe(Duration.ZERO);
		probe.probe();
		probe.probe();
		api.server().verify(2, getRequestedFor(urlPathEqualTo(PROBE_PATH)));
	}

	@Test
	void signerFailureFromMixedSdkVersionsIsAConfigurationErrorWithTheFix() {
		Result result = failingProbe(new IllegalStateException("A signer was not configured."), Duration.ZERO).probe();
		assertThat(result.status()).isEqualTo(Status.DOWN);
		assertThat(result.details()).containsEntry("endpoint", UNUSED_ENDPOINT.toString())
			.containsEntry("outcome", "configuration_error")
			.containsEntry("error", "java.lang.IllegalStateException: A signer was not configured.")
			.doesNotContainKey("status");
		assertThat((String) result.details().get("hint")).contains("mixed AWS SDK versions",
				"apigw-websocket-dependencies");
	}

	@Test
	void linkageErrorFromMixedSdkVersionsIsAConfigurationError() {
		Result result = failingProbe(new NoSuchMethodError("software.amazon.awssdk.Foo.bar()"), Duration.ZERO).probe();
		assertThat(result.status()).isEqualTo(Status.DOWN);
		assertThat(result.details()).containsEntry("outcome", "configuration_error");
	}

	@Test
	void missingCredentialsAreAConfigurationErrorNamingTheProperties() {
		AwsCredentialsProvider none = () -> {
			throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
		};
		this.failingClient = client(none);
		Result result = new ManagementEndpointProbe(this.failingClient, ManagementEndpoint.of(UNUSED_ENDPOINT),
				Duration.ZERO)
			.probe();
		assertThat(result.status()).isEqualTo(Status.DOWN);
		assertThat(result.details()).containsEntry("outcome", "configuration_error");
		assertThat((String) result.details().get("hint")).contains("no AWS credentials",
				"spring.cloud.aws.credentials");
	}

	@Test
	void clientSideFailureIsReusedForTheCacheTime() {
		ManagementEndpointProbe probe = failingProbe(new IllegalStateException("A signer was not configured."),
				Duration.ofHours(1));
		for (int i = 0; i < 3; i++) {
			assertThat(probe.probe().status()).isEqualTo(Status.DOWN);
		}
		assertThat(this.attempts).hasValue(1);
	}

	@Test
	void negativeCacheTimeIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new ManagementEndpointProbe(api.clients().client, api.clients().endpoint, Duration.ofSeconds(-1)))
			.withMessage("'cacheTtl' must not be negative, but was PT-1S");
	}

	@Test
	void detailsCannotBeChanged() {
		stubProbe(ManagementApiStubs.error(410, "GoneException"));
		Result result = probe(Duration.ZERO).probe();
		assertThat(result.details()).isUnmodifiable();
	}

	private static void stubProbe(ResponseDefinitionBuilder answer) {
		api.server().stubFor(get(urlPathEqualTo(PROBE_PATH)).willReturn(answer));
	}

	private static ManagementEndpointProbe probe(Duration cacheTtl) {
		return new ManagementEndpointProbe(api.clients().client, api.clients().endpoint, cacheTtl);
	}

	private ManagementEndpointProbe failingProbe(Throwable failure, Duration cacheTtl) {
		ExecutionInterceptor failing = new ExecutionInterceptor() {

			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
				ManagementEndpointProbeTests.this.attempts.incrementAndGet();
				if (failure instanceof RuntimeException runtime) {
					throw runtime;
				}
				throw (Error) failure;
			}

		};
		this.failingClient = ApiGatewayManagementApiClient.builder()
			.endpointOverride(UNUSED_ENDPOINT)
			.region(Region.EU_WEST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
			.overrideConfiguration((c) -> c.addExecutionInterceptor(failing))
			.build();
		return new ManagementEndpointProbe(this.failingClient, ManagementEndpoint.of(UNUSED_ENDPOINT), cacheTtl);
	}

	private static ApiGatewayManagementApiClient client(AwsCredentialsProvider credentials) {
		return ApiGatewayManagementApiClient.builder()
			.endpointOverride(UNUSED_ENDPOINT)
			.region(Region.EU_WEST_1)
			.credentialsProvider(credentials)
			.build();
	}

}
