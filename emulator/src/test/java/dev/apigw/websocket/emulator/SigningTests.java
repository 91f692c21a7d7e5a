package dev.apigw.websocket.emulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.ForbiddenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * SigV4 verification against configured credentials, with the real SDK client signing.
 */
class SigningTests {

	private static final ConnectionIdCapture ids = new ConnectionIdCapture();

	private static WebSocketApiEmulator emulator;

	@BeforeAll
	static void start() {
		emulator = WebSocketApiEmulator.builder()
			.route("$connect", RouteIntegration.handler(ids))
			.signing(SigningVerification.of(ManagementClients.ACCESS_KEY, ManagementClients.SECRET_KEY,
					ManagementClients.REGION))
			.start();
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@Test
	void correctlySignedRequestsAreAccepted() {
		ConnectionIdCapture.Connected connected = ids.connect(emulator);
		try (ApiGatewayManagementApiClient sdk = ManagementClients.create(emulator.managementEndpoint())) {
			ManagementClients.post(sdk, connected.id(), "signed");
			assertThat(sdk.getConnection((request) -> request.connectionId(connected.id())).identity().sourceIp())
				.isEqualTo("127.0.0.1");
			sdk.deleteConnection((request) -> request.connectionId(connected.id()));
		}
		assertThat(connected.client().awaitMessage(0).text()).isEqualTo("signed");
	}

	@Test
	void wrongAccessKeyIsForbidden() {
		assertForbidden(ManagementClients.create(emulator.managementEndpoint(), "AKIDOTHER", ManagementClients.SECRET_KEY,
				ManagementClients.REGION), "security token");
	}

	@Test
	void wrongSecretIsForbidden() {
		assertForbidden(ManagementClients.create(emulator.managementEndpoint(), ManagementClients.ACCESS_KEY, "wrong",
				ManagementClients.REGION), "signature we calculated does not match");
	}

	@Test
	void wrongRegionIsForbidden() {
		assertForbidden(ManagementClients.create(emulator.managementEndpoint(), ManagementClients.ACCESS_KEY,
				ManagementClients.SECRET_KEY, "eu-west-1"), "region");
	}

	@Test
	void missingSignatureIsForbidden() {
		assertForbidden(ManagementClients.anonymous(emulator.managementEndpoint()), "Missing Authentication Token");
	}

	@Test
	void tamperedBodyIsForbidden() throws Exception {
		ConnectionIdCapture.Connected connected = ids.connect(emulator);
		URI uri = URI.create(emulator.managementEndpoint() + "/@connections/" + connected.id().replace("=", "%3D")
				.replace("+", "%2B").replace("/", "%2F"));
		byte[] signedBody = "original".getBytes(StandardCharsets.UTF_8);
		SignedRequest signed = AwsV4HttpSigner.create()
			.sign((sign) -> sign
				.identity(AwsCredentialsIdentity.create(ManagementClients.ACCESS_KEY, ManagementClients.SECRET_KEY))
				.request(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri).build())
				.payload(ContentStreamProvider.fromByteArray(signedBody))
				.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
				.putProperty(AwsV4HttpSigner.REGION_NAME, ManagementClients.REGION));
		assertThat(send(uri, signed, signedBody).statusCode()).isEqualTo(200);
		HttpResponse<String> tampered = send(uri, signed, "tampered".getBytes(StandardCharsets.UTF_8));
		assertThat(tampered.statusCode()).isEqualTo(403);
		assertThat(tampered.headers().firstValue("x-amzn-ErrorType")).hasValue("ForbiddenException");
		assertThat(tampered.body()).contains("signature we calculated does not match");
		assertThat(connected.client().awaitMessage(0).text()).isEqualTo("original");
		assertThat(connected.client().messages).hasSize(1);
	}

	private static HttpResponse<String> send(URI uri, SignedRequest signed, byte[] body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
		signed.request().forEachHeader((name, values) -> {
			if (!name.equalsIgnoreCase("Host")) {
				values.forEach((value) -> request.header(name, value));
			}
		});
		return TestClient.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void assertForbidden(ApiGatewayManagementApiClient sdk, String messagePart) {
		try (sdk) {
			assertThatExceptionOfType(ForbiddenException.class)
				.isThrownBy(() -> ManagementClients.post(sdk, "AAAAAAAAAAAAAAA=", "x"))
				.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(403))
				.withMessageContaining(messagePart);
		}
	}

}
