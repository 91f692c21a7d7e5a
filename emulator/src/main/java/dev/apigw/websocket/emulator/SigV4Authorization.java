package dev.apigw.websocket.emulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an AWS Signature Version 4 {@code Authorization} header, e.g.
 * {@code AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/execute-api/aws4_request,
 * SignedHeaders=host;x-amz-date, Signature=5d67…}.
 *
 * @param accessKeyId access key id of the credential
 * @param date scope date, {@code yyyyMMdd}
 * @param region scope region
 * @param service scope service
 * @param signedHeaders lower-case names of the signed headers, in the client's order
 * @param signature hex signature the client computed
 */
record SigV4Authorization(String accessKeyId, String date, String region, String service, List<String> signedHeaders,
		String signature) {

	static final String ALGORITHM = "AWS4-HMAC-SHA256";

	static final String TERMINATOR = "aws4_request";

	/**
	 * Parse a header value.
	 * @throws IllegalArgumentException with the message AWS answers for a malformed
	 * header
	 */
	static SigV4Authorization parse(String header) {
		String trimmed = header.trim();
		if (!trimmed.startsWith(ALGORITHM + " ")) {
			throw new IllegalArgumentException("Authorization header must start with '" + ALGORITHM
					+ "' followed by Credential, SignedHeaders and Signature");
		}
		Map<String, String> parameters = new HashMap<>();
		for (String part : trimmed.substring(ALGORITHM.length() + 1).split(",")) {
			int equals = part.indexOf('=');
			if (equals < 1
					|| parameters.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim()) != null) {
				throw new IllegalArgumentException(
						"Authorization header has a malformed or repeated parameter '" + part.trim() + "'");
			}
		}
		StringBuilder missing = new StringBuilder();
		for (String name : List.of("Credential", "SignedHeaders", "Signature")) {
			String value = parameters.get(name);
			if (value == null || value.isEmpty()) {
				missing.append("Authorization header requires '").append(name).append("' parameter. ");
			}
		}
		if (!missing.isEmpty()) {
			throw new IllegalArgumentException(missing.toString().trim());
		}
		String[] scope = parameters.get("Credential").split("/", -1);
		if (scope.length != 5 || !TERMINATOR.equals(scope[4]) || scope[0].isEmpty()) {
			throw new IllegalArgumentException("Credential must have the form "
					+ "<access key id>/<yyyyMMdd>/<region>/<service>/aws4_request but was '"
					+ parameters.get("Credential") + "'");
		}
		List<String> signedHeaders = List.of(parameters.get("SignedHeaders").split(";", -1));
		if (signedHeaders.stream().anyMatch(String::isEmpty)) {
			throw new IllegalArgumentException("SignedHeaders must be header names separated by ';' but was '"
					+ parameters.get("SignedHeaders") + "'");
		}
		return new SigV4Authorization(scope[0], scope[1], scope[2], scope[3], signedHeaders,
				parameters.get("Signature"));
	}

	/**
	 * The credential scope as it appears in the string to sign.
	 */
	String scope() {
		return this.date + "/" + this.region + "/" + this.service + "/" + TERMINATOR;
	}

}
