package dev.apigw.websocket.event;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Masks the values of headers, query parameters and attributes that carry credentials, so
 * that the events' {@code toString()} can go to logs.
 */
final class Redaction {

	static final String MASK = "******";

	// parts of names that say the value is a credential, compared in lower case
	private static final List<String> SENSITIVE_NAME_PARTS = List.of("auth", "token", "secret", "password", "passwd",
			"key", "cookie", "credential", "signature", "session", "jwt");

	// browsers cannot set headers on a WebSocket handshake, so tokens often travel as a
	// sub-protocol
	private static final String WEBSOCKET_PROTOCOL_HEADER = "sec-websocket-protocol";

	private Redaction() {
	}

	/**
	 * Whether a header, query parameter or attribute of this name may carry a credential.
	 */
	static boolean isSensitive(String name) {
		String lowerCase = name.toLowerCase(Locale.ROOT);
		if (lowerCase.equals(WEBSOCKET_PROTOCOL_HEADER)) {
			return true;
		}
		for (String part : SENSITIVE_NAME_PARTS) {
			if (lowerCase.contains(part)) {
				return true;
			}
		}
		return false;
	}

	static String multiValues(Map<String, List<String>> values) {
		StringJoiner joiner = new StringJoiner(", ", "{", "}");
		values.forEach((name, list) -> joiner.add(name + "=" + (isSensitive(name) ? MASK : list)));
		return joiner.toString();
	}

	static String values(Map<String, String> values) {
		StringJoiner joiner = new StringJoiner(", ", "{", "}");
		values.forEach((name, value) -> joiner.add(name + "=" + (isSensitive(name) ? MASK : value)));
		return joiner.toString();
	}

}
