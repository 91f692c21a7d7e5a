package dev.apigw.websocket.emulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.apigw.websocket.testfixture.ManagementApiTestClients;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SignatureVerifier} on one thread, which reuses its signing key while the scope
 * date stays the same: requests signed by the AWS SDK's signer across midnight.
 */
class SignatureVerifierTests {

	private static final Instant AFTER_MIDNIGHT = Instant.parse("2026-01-01T00:02:00Z");

	private static final URI URI = java.net.URI.create("http://127.0.0.1:8080/local/@connections/AAAAAAAAAAAAAAA%3D");

	private final SignatureVerifier verifier = new SignatureVerifier(SigningVerification
		.of(ManagementApiTestClients.ACCESS_KEY, ManagementApiTestClients.SECRET_KEY, ManagementApiTestClients.REGION),
			Clock.fixed(AFTER_MIDNIGHT, ZoneOffset.UTC));

	@Test
	void requestsScopedToEitherSideOfMidnightAreEachVerifiedWithTheirOwnDatesKey() {
		ManagementCall yesterday = call(Instant.parse("2025-12-31T23:59:00Z"), "one");
		ManagementCall today = call(Instant.parse("2026-01-01T00:01:00Z"), "two");
		assertThat(this.verifier.refusal(yesterday)).isNull();
		assertThat(this.verifier.refusal(today)).isNull();
		assertThat(this.verifier.refusal(yesterday)).isNull();
		assertThat(this.verifier.refusal(yesterday)).isNull();
		assertThat(this.verifier.refusal(today)).isNull();
	}

	@Test
	void aRequestSignedWithAnotherSecretIsRefusedAfterValidOnesOfTheSameDate() {
		Instant signedAt = Instant.parse("2026-01-01T00:01:00Z");
		assertThat(this.verifier.refusal(call(signedAt, "valid"))).isNull();
		SignatureVerifier.Refusal refusal = this.verifier.refusal(call(signedAt, "forged", "another secret"));
		assertThat(refusal).isNotNull();
		assertThat(refusal.errorType()).isEqualTo(SignatureVerifier.INVALID_SIGNATURE);
		assertThat(this.verifier.refusal(call(signedAt, "valid again"))).isNull();
	}

	private static ManagementCall call(Instant signedAt, String body) {
		return call(signedAt, body, ManagementApiTestClients.SECRET_KEY);
	}

	private static ManagementCall call(Instant signedAt, String text, String secret) {
		byte[] body = text.getBytes(StandardCharsets.UTF_8);
		SdkHttpRequest signed = AwsV4HttpSigner.create()
			.sign((sign) -> sign.identity(AwsCredentialsIdentity.create(ManagementApiTestClients.ACCESS_KEY, secret))
				.request(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI).build())
				.payload(ContentStreamProvider.fromByteArray(body))
				.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SignatureVerifier.SERVICE)
				.putProperty(AwsV4HttpSigner.REGION_NAME, ManagementApiTestClients.REGION)
				.putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
			.request();
		HttpHeaders headers = new DefaultHttpHeaders();
		signed.forEachHeader((name, values) -> values.forEach((value) -> headers.add(name, value)));
		if (!headers.contains("Host")) {
			headers.set("Host", URI.getHost() + ":" + URI.getPort());
		}
		return new ManagementCall(HttpMethod.POST, URI.getRawPath(), null, headers, body, "AAAAAAAAAAAAAAA%3D", true);
	}

}
