package dev.apigw.websocket.emulator;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import dev.apigw.websocket.testfixture.ManagementApiTestClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.ApiGatewayManagementApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * SigV4 verification against configured credentials: the real SDK client signing,
 * hand-made requests signed by the SDK's signers for what a client should not send, and
 * API Gateway's 403 error types. {@link AwsCliSigningTests} checks a second, independent
 * signer.
 */
class SigningTests {

	/** An id with every character that must be path-encoded. */
	static final String AWKWARD_ID = "Ab+/Cd+/Ef+/Gh+=";

	private static final ConnectionIdCapture ids = new ConnectionIdCapture();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static WebSocketApiEmulator emulator;

	@BeforeAll
	static void start() {
		emulator = startVerifying(ids);
	}

	/**
	 * An emulator that verifies the test clients' default credentials and region, and
	 * lets {@code ids} learn and choose connection ids.
	 */
	static WebSocketApiEmulator startVerifying(ConnectionIdCapture ids) {
		return WebSocketApiEmulator.builder()
			.route("$connect", RouteIntegration.handler(ids))
			.signing(SigningVerification.of(ManagementApiTestClients.ACCESS_KEY, ManagementApiTestClients.SECRET_KEY,
					ManagementApiTestClients.REGION))
			.connectionIds(ids.idSource())
			.start();
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@Test
	void correctlySignedSdkCallsAreAcceptedForAnIdThatNeedsEncoding() {
		ConnectionIdCapture.Connected connected = ids.connect(emulator, AWKWARD_ID);
		try (ApiGatewayManagementApiClient sdk = ManagementApiTestClients.client(emulator.managementEndpoint())) {
			ManagementApiTestClients.post(sdk, connected.id(), "signed");
			assertThat(sdk.getConnection((request) -> request.connectionId(connected.id())).identity().sourceIp())
				.isEqualTo("127.0.0.1");
			sdk.deleteConnection((request) -> request.connectionId(connected.id()));
		}
		assertThat(connected.client().awaitMessages(1).get(0)).isEqualTo("signed");
		assertThat(connected.client().awaitClose()).isEqualTo(1000);
	}

	@Test
	@SuppressWarnings("deprecation")
	void requestSignedWithoutContentHashHeaderIsAccepted() throws Exception {
		// the SDK's legacy signer signs as botocore does: no x-amz-content-sha256 header
		ConnectionIdCapture.Connected connected = ids.connect(emulator);
		byte[] body = "no hash header".getBytes(StandardCharsets.UTF_8);
		SdkHttpFullRequest signed = Aws4Signer.create()
			.sign(SdkHttpFullRequest.builder()
				.method(SdkHttpMethod.POST)
				.uri(connectionUri(connected.id()))
				.contentStreamProvider(() -> new ByteArrayInputStream(body))
				.build(),
					Aws4SignerParams.builder()
						.awsCredentials(AwsBasicCredentials.create(ManagementApiTestClients.ACCESS_KEY,
								ManagementApiTestClients.SECRET_KEY))
						.signingName("execute-api")
						.signingRegion(Region.of(ManagementApiTestClients.REGION))
						.build());
		assertThat(signed.headers()).doesNotContainKey("x-amz-content-sha256");
		HttpRequest.Builder request = HttpRequest.newBuilder(signed.getUri())
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		signed.forEachHeader((name, values) -> {
			if (!name.equalsIgnoreCase("Host")) {
				values.forEach((value) -> request.header(name, value));
			}
		});
		assertThat(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		assertThat(connected.client().awaitMessages(1).get(0)).isEqualTo("no hash header");
	}

	@Test
	void unknownAccessKeyIsUnrecognizedClient() {
		assertRefused(ManagementApiTestClients.at(emulator.managementEndpoint())
			.credentials("AKIDOTHER", ManagementApiTestClients.SECRET_KEY)
			.client(), "UnrecognizedClientException", "security token included in the request is invalid");
	}

	@Test
	void wrongSecretIsInvalidSignature() {
		assertRefused(ManagementApiTestClients.at(emulator.managementEndpoint())
			.credentials(ManagementApiTestClients.ACCESS_KEY, "wrong")
			.client(), "InvalidSignatureException", "signature we calculated does not match");
	}

	@Test
	void wrongRegionIsInvalidSignature() {
		assertRefused(ManagementApiTestClients.at(emulator.managementEndpoint()).region("eu-west-1").client(),
				"InvalidSignatureException", "valid region, not 'eu-west-1'");
	}

	@Test
	void missingSignatureIsMissingAuthenticationToken() {
		assertRefused(ManagementApiTestClients.at(emulator.managementEndpoint())
			.credentials(AnonymousCredentialsProvider.create())
			.client(), "MissingAuthenticationTokenException", "Missing Authentication Token");
	}

	@Test
	void tamperedBodyIsInvalidSignature() throws Exception {
		ConnectionIdCapture.Connected connected = ids.connect(emulator);
		URI uri = connectionUri(connected.id());
		byte[] signedBody = "original".getBytes(StandardCharsets.UTF_8);
		SdkHttpRequest signed = sign(uri, signedBody, Clock.systemUTC(), "execute-api");
		assertThat(send(uri, signed, signedBody).statusCode()).isEqualTo(200);
		HttpResponse<String> tampered = send(uri, signed, "tampered".getBytes(StandardCharsets.UTF_8));
		assertRefused(tampered, "InvalidSignatureException", "does not match the SHA-256 of the body");
		assertThat(connected.client().awaitMessages(1).get(0)).isEqualTo("original");
		assertThat(connected.client().messages()).hasSize(1);
	}

	@Test
	void requestsMoreThanFiveMinutesFromTheClockAreRefused() throws Exception {
		URI uri = connectionUri("AAAAAAAAAAAAAAA=");
		byte[] body = "late".getBytes(StandardCharsets.UTF_8);
		Instant now = Instant.now();
		HttpResponse<String> fourMinutesOld = send(uri,
				sign(uri, body, at(now.minus(Duration.ofMinutes(4))), "execute-api"), body);
		assertThat(fourMinutesOld.statusCode()).as(fourMinutesOld.body()).isEqualTo(410);
		assertRefused(send(uri, sign(uri, body, at(now.minus(Duration.ofMinutes(6))), "execute-api"), body),
				"InvalidSignatureException", "Signature expired");
		assertRefused(send(uri, sign(uri, body, at(now.plus(Duration.ofMinutes(6))), "execute-api"), body),
				"InvalidSignatureException", "Signature not yet current");
	}

	@Test
	void credentialScopedToAnotherServiceIsRefused() throws Exception {
		URI uri = connectionUri("AAAAAAAAAAAAAAA=");
		byte[] body = "x".getBytes(StandardCharsets.UTF_8);
		assertRefused(send(uri, sign(uri, body, Clock.systemUTC(), "apigateway"), body), "InvalidSignatureException",
				"scoped to correct service: 'execute-api', not 'apigateway'");
	}

	@Test
	void malformedAuthorizationHeaderIsRefused() throws Exception {
		URI uri = connectionUri("AAAAAAAAAAAAAAA=");
		byte[] body = "x".getBytes(StandardCharsets.UTF_8);
		SdkHttpRequest signed = sign(uri, body, Clock.systemUTC(), "execute-api");
		String authorization = signed.firstMatchingHeader("Authorization").orElseThrow();
		String withoutSignature = authorization.substring(0, authorization.indexOf(", Signature="));
		assertRefused(send(uri, replace(signed, "Authorization", withoutSignature), body), "InvalidSignatureException",
				"requires 'Signature' parameter");
		assertRefused(send(uri, replace(signed, "Authorization", "AWS4-HMAC-SHA256 nonsense"), body),
				"InvalidSignatureException", "malformed");
		assertRefused(send(uri, replace(signed, "Authorization", "Bearer abc"), body), "InvalidSignatureException",
				"must start with 'AWS4-HMAC-SHA256'");
	}

	@Test
	void badAmzDateIsRefused() throws Exception {
		URI uri = connectionUri("AAAAAAAAAAAAAAA=");
		byte[] body = "x".getBytes(StandardCharsets.UTF_8);
		SdkHttpRequest signed = sign(uri, body, Clock.systemUTC(), "execute-api");
		assertRefused(send(uri, replace(signed, "X-Amz-Date", "yesterday"), body), "InvalidSignatureException",
				"'X-Amz-Date' must have the form");
		String date = signed.firstMatchingHeader("X-Amz-Date").orElseThrow();
		String otherDay = date.substring(0, 6) + (date.startsWith("01", 6) ? "02" : "01") + date.substring(8);
		assertRefused(send(uri, replace(signed, "X-Amz-Date", otherDay), body), "InvalidSignatureException",
				"scoped to a valid date");
	}

	static URI connectionUri(String connectionId) {
		return URI.create(emulator.managementEndpoint() + "/@connections/"
				+ connectionId.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D"));
	}

	private static Clock at(Instant instant) {
		return Clock.fixed(instant, ZoneOffset.UTC);
	}

	private static SdkHttpRequest sign(URI uri, byte[] body, Clock clock, String service) {
		return AwsV4HttpSigner.create()
			.sign((sign) -> sign
				.identity(AwsCredentialsIdentity.create(ManagementApiTestClients.ACCESS_KEY,
						ManagementApiTestClients.SECRET_KEY))
				.request(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri).build())
				.payload(ContentStreamProvider.fromByteArray(body))
				.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
				.putProperty(AwsV4HttpSigner.REGION_NAME, ManagementApiTestClients.REGION)
				.putProperty(HttpSigner.SIGNING_CLOCK, clock))
			.request();
	}

	private static SdkHttpRequest replace(SdkHttpRequest signed, String header, String value) {
		return signed.toBuilder().putHeader(header, value).build();
	}

	private static HttpResponse<String> send(URI uri, SdkHttpRequest signed, byte[] body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
		signed.forEachHeader((name, values) -> {
			if (!name.equalsIgnoreCase("Host")) {
				values.forEach((value) -> request.header(name, value));
			}
		});
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void assertRefused(HttpResponse<String> response, String errorType, String messagePart) {
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(errorType);
		assertThat(Json.MAPPER.readValue(response.body(), Map.class)).extractingByKey("message")
			.asString()
			.contains(messagePart);
	}

	private static void assertRefused(ApiGatewayManagementApiClient sdk, String errorType, String messagePart) {
		try (sdk) {
			assertThatExceptionOfType(ApiGatewayManagementApiException.class)
				.isThrownBy(() -> ManagementApiTestClients.post(sdk, "AAAAAAAAAAAAAAA=", "x"))
				.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(403))
				.satisfies((ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo(errorType))
				.withMessageContaining(messagePart);
		}
	}

}
