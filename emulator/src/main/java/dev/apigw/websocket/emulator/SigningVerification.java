package dev.apigw.websocket.emulator;

/**
 * Credentials and region that management requests must be signed with (AWS Signature
 * Version 4, service {@code execute-api}). Refusals are 403 with API Gateway's error
 * types: {@code MissingAuthenticationTokenException} without an {@code Authorization}
 * header, {@code UnrecognizedClientException} for another access key, and
 * {@code InvalidSignatureException} for a malformed header or {@code X-Amz-Date}, another
 * region or service in the credential scope, a request time more than 5 minutes from the
 * emulator's clock ("Signature expired"), or a signature that does not match the request
 * and secret.
 *
 * @param accessKeyId expected access key id
 * @param secretAccessKey secret used to recompute the signature
 * @param region expected signing region, e.g. {@code us-east-1}
 * @since 0.1.0
 */
public record SigningVerification(String accessKeyId, String secretAccessKey, String region) {

	/**
	 * Create the settings.
	 * @param accessKeyId expected access key id
	 * @param secretAccessKey secret used to recompute the signature
	 * @param region expected signing region
	 */
	public SigningVerification {
		requireText(accessKeyId, "accessKeyId");
		requireText(secretAccessKey, "secretAccessKey");
		requireText(region, "region");
	}

	/**
	 * Create the settings.
	 * @param accessKeyId expected access key id
	 * @param secretAccessKey secret used to recompute the signature
	 * @param region expected signing region, e.g. {@code us-east-1}
	 * @return the settings
	 */
	public static SigningVerification of(String accessKeyId, String secretAccessKey, String region) {
		return new SigningVerification(accessKeyId, secretAccessKey, region);
	}

	private static void requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("'" + name + "' must not be blank");
		}
	}

	@Override
	public String toString() {
		return "SigningVerification[accessKeyId=" + this.accessKeyId + ", region=" + this.region + "]";
	}

}
