package dev.apigw.websocket.emulator;

/**
 * Credentials and region that management requests must be signed with (AWS Signature Version 4,
 * service {@code execute-api}). A request signed with another key, secret or region, with a body
 * that does not match its signature, or without a signature is refused with 403
 * {@code ForbiddenException}.
 *
 * @param accessKeyId expected access key id
 * @param secretAccessKey secret used to recompute the signature
 * @param region expected signing region, e.g. {@code us-east-1}
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
