package dev.apigw.websocket;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;

import javax.net.ssl.SSLHandshakeException;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.ApiGatewayManagementApiException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ManagementErrorTranslator}'s classification of failures without an
 * HTTP response, and for {@link WebSocketManagementException#mayHaveTakenEffect()}. The
 * SDK raises these failures as its own exceptions around the cause shown here.
 */
class ManagementErrorTranslatorTests {

	private final ManagementErrorTranslator translator = new ManagementErrorTranslator(
			ManagementEndpoint.of(URI.create("http://127.0.0.1:1/prod")));

	@Test
	void signerNotConfiguredIsMixedSdkVersions() {
		// thrown by the SDK's placeholder signer when aws-core and the service module
		// disagree
		WebSocketManagementException ex = translate(sdkClientException("Unable to execute HTTP request",
				new IllegalStateException("A signer was not configured.")));
		assertThat(ex).isInstanceOf(ManagementConfigurationException.class)
			.hasMessageContaining("mixed AWS SDK versions on the classpath: align them "
					+ "(import the AWS SDK BOM or apigw-websocket-dependencies)")
			.hasMessageContaining("A signer was not configured");
	}

	@Test
	void linkageErrorIsMixedSdkVersions() {
		WebSocketManagementException ex = translate(new CompletionException(
				new NoClassDefFoundError("software/amazon/awssdk/core/internal/http/pipeline/stages/SigningStage")));
		assertThat(ex).isInstanceOf(ManagementConfigurationException.class)
			.hasMessageContaining("mixed AWS SDK versions")
			.hasMessageContaining("NoClassDefFoundError");
	}

	@Test
	void missingRegionNamesTheRegionProperties() {
		WebSocketManagementException ex = translate(
				sdkClientException("Unable to load region from any of the providers in the chain", null));
		assertThat(ex).isInstanceOf(ManagementConfigurationException.class)
			.hasMessageContaining("no AWS region: set apigw.websocket.region or spring.cloud.aws.region.static");
	}

	@Test
	void failureInsideACredentialsProviderIsMissingCredentials() {
		// a provider of the application's that fails with a message of its own
		WebSocketManagementException ex = translate(credentialsProviderFailure());
		assertThat(ex).isInstanceOf(ManagementConfigurationException.class)
			.hasMessageContaining("no AWS credentials: configure credentials with spring.cloud.aws.credentials.*")
			.hasMessageContaining("vault sealed");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "refused", "connect timeout", "unknown host", "tls handshake", "no route", "pool acquire timeout" })
	void failureToConnectIsNotSent(String kind) {
		Exception cause = switch (kind) {
			case "refused" -> new ConnectException("Connection refused");
			case "connect timeout" -> new ConnectTimeoutException("Connect to 127.0.0.1:1 timed out");
			case "unknown host" -> new UnknownHostException("abc123.execute-api.eu-west-1.amazonaws.com");
			case "tls handshake" -> new SSLHandshakeException("PKIX path building failed");
			// as the SDK's Netty client reports it
			case "pool acquire timeout" -> new java.util.concurrent.TimeoutException(
					"Acquire operation took longer than the configured maximum time. This indicates that a request "
							+ "cannot get a connection from the pool within the specified maximum time.");
			default -> new NoRouteToHostException("No route to host");
		};
		WebSocketManagementException ex = translate(sdkClientException("Unable to execute HTTP request", cause));
		assertThat(ex).isInstanceOf(ManagementConnectException.class)
			.hasMessageStartingWith("PostToConnection for connection 'abc' was not sent: no connection to "
					+ "http://127.0.0.1:1/prod could be opened");
		assertThat(ex.outcome()).isEqualTo(ManagementOutcome.CONNECT_ERROR);
		assertThat(ex.mayHaveTakenEffect()).isFalse();
	}

	@Test
	void timeoutAndResetMayHaveBeenSent() {
		WebSocketManagementException timeout = translate(ApiCallAttemptTimeoutException.create(300));
		WebSocketManagementException reset = translate(
				sdkClientException("Unable to execute HTTP request", new SocketException("Connection reset")));
		for (WebSocketManagementException ex : new WebSocketManagementException[] { timeout, reset }) {
			assertThat(ex).isExactlyInstanceOf(ManagementIoException.class)
				.hasMessageContaining("got no HTTP response; the request may have reached API Gateway");
			assertThat(ex.outcome()).isEqualTo(ManagementOutcome.IO_ERROR);
			assertThat(ex.mayHaveTakenEffect()).isTrue();
		}
	}

	@Test
	void causeChainWithACycleIsClassifiedWithoutLooping() {
		IOException first = new IOException("first");
		IOException second = new IOException("second", first);
		first.initCause(second);
		assertThat(translate(first)).isExactlyInstanceOf(ManagementIoException.class);
	}

	@ParameterizedTest(name = "HTTP {0} may have taken effect: {1}")
	@CsvSource({ "400, false", "403, false", "410, false", "413, false", "429, false", "500, true", "502, true",
			"503, false", "504, true" })
	void answersSayWhetherTheCallMayHaveTakenEffect(int status, boolean mayHaveTakenEffect) {
		ApiGatewayManagementApiException answer = (ApiGatewayManagementApiException) ApiGatewayManagementApiException
			.builder()
			.statusCode(status)
			.message("stubbed")
			.build();
		assertThat(translate(answer).mayHaveTakenEffect()).isEqualTo(mayHaveTakenEffect);
	}

	private WebSocketManagementException translate(Throwable failure) {
		return this.translator.translate(failure, "abc", ManagementOperation.POST);
	}

	private static SdkClientException sdkClientException(String message, Throwable cause) {
		return SdkClientException.builder().message(message).cause(cause).build();
	}

	private static SdkClientException credentialsProviderFailure() {
		try {
			new VaultCredentialsProvider().resolveCredentials();
			throw new AssertionError("expected to fail");
		}
		catch (SdkClientException ex) {
			return ex;
		}
	}

	static final class VaultCredentialsProvider implements AwsCredentialsProvider {

		@Override
		public AwsCredentials resolveCredentials() {
			throw SdkClientException.create("vault sealed");
		}

	}

}
