package dev.apigw.websocket.emulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Checks a management request's AWS Signature Version 4 by signing the same request again with
 * the SDK's own signer and the configured secret, and comparing signatures.
 */
final class SignatureVerifier {

	private static final String ALGORITHM = "AWS4-HMAC-SHA256";

	private static final String SERVICE = "execute-api";

	private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	/** AWS refuses requests signed more than 15 minutes away from its clock. */
	private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

	private final SigningVerification expected;

	private final AwsCredentialsIdentity credentials;

	private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

	SignatureVerifier(SigningVerification expected) {
		this.expected = expected;
		this.credentials = AwsCredentialsIdentity.create(expected.accessKeyId(), expected.secretAccessKey());
	}

	/**
	 * Why the request is refused, as AWS words it, or {@code null} when its signature is valid.
	 */
	@Nullable String refusal(ManagementCall call) {
		String authorization = call.headers().get("Authorization");
		if (authorization == null || !authorization.startsWith(ALGORITHM + " ")) {
			return "Missing Authentication Token";
		}
		Map<String, String> parameters = parameters(authorization.substring(ALGORITHM.length() + 1));
		String credential = parameters.get("Credential");
		String signedHeaders = parameters.get("SignedHeaders");
		String signature = parameters.get("Signature");
		if (credential == null || signedHeaders == null || signature == null) {
			return "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters";
		}
		String[] scope = credential.split("/");
		if (scope.length != 5) {
			return "Credential must have the form accessKeyId/date/region/service/aws4_request";
		}
		if (!scope[0].equals(this.expected.accessKeyId())) {
			return "The security token included in the request is invalid.";
		}
		if (!scope[2].equals(this.expected.region())) {
			return "Credential should be scoped to a valid region, '" + this.expected.region() + "', not '" + scope[2]
					+ "'.";
		}
		if (!scope[3].equals(SERVICE)) {
			return "Credential should be scoped to correct service: '" + SERVICE + "'.";
		}
		Instant signedAt = signingTime(call.headers().get("X-Amz-Date"));
		if (signedAt == null) {
			return "Request must carry an 'X-Amz-Date' header of the form yyyyMMdd'T'HHmmss'Z'";
		}
		if (Duration.between(signedAt, Instant.now()).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
			return "Signature expired: " + AMZ_DATE.format(signedAt) + " is more than 15 minutes from the server time";
		}
		String recomputed = recompute(call, signedHeaders.split(";"), signedAt);
		if (!MessageDigest.isEqual(recomputed.getBytes(StandardCharsets.US_ASCII),
				signature.getBytes(StandardCharsets.US_ASCII))) {
			return "The request signature we calculated does not match the signature you provided. "
					+ "Check your AWS Secret Access Key and signing method.";
		}
		return null;
	}

	private String recompute(ManagementCall call, String[] signedHeaders, Instant signedAt) {
		String query = (call.rawQuery() != null) ? "?" + call.rawQuery() : "";
		SdkHttpRequest.Builder request = SdkHttpRequest.builder()
			.method(SdkHttpMethod.fromValue(call.method().name()))
			.uri(URI.create("http://" + call.headers().get("Host", "localhost") + call.rawPath() + query));
		for (String name : signedHeaders) {
			List<String> values = call.headers().getAll(name);
			if (!values.isEmpty()) {
				request.putHeader(name, values);
			}
		}
		SignedRequest signed = this.signer.sign((sign) -> sign.identity(this.credentials)
			.request(request.build())
			.payload(ContentStreamProvider.fromByteArrayUnsafe(call.body()))
			.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
			.putProperty(AwsV4HttpSigner.REGION_NAME, this.expected.region())
			.putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));
		String authorization = signed.request().firstMatchingHeader("Authorization").orElse("");
		return parameters(authorization.substring(authorization.indexOf(' ') + 1)).getOrDefault("Signature", "");
	}

	private static Map<String, String> parameters(String text) {
		Map<String, String> parameters = new HashMap<>();
		for (String part : text.split(",")) {
			int equals = part.indexOf('=');
			if (equals > 0) {
				parameters.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
			}
		}
		return parameters;
	}

	private static @Nullable Instant signingTime(@Nullable String amzDate) {
		if (amzDate == null) {
			return null;
		}
		try {
			return Instant.from(AMZ_DATE.parse(amzDate));
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
