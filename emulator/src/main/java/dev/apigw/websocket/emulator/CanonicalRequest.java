package dev.apigw.websocket.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;

/**
 * The canonical request of AWS Signature Version 4, built from what the client sent: the
 * method, the path as sent with each segment URI-encoded once more (the rule for every
 * service but S3), the query sorted and encoded, the headers the client says it signed,
 * and the payload hash.
 */
final class CanonicalRequest {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private CanonicalRequest() {
	}

	static String of(String method, String rawPath, @Nullable String rawQuery, HttpHeaders headers,
			List<String> signedHeaders, String payloadHash) {
		return method + "\n" + canonicalUri(rawPath) + "\n" + canonicalQuery(rawQuery) + "\n"
				+ canonicalHeaders(headers, signedHeaders) + "\n" + String.join(";", signedHeaders) + "\n"
				+ payloadHash;
	}

	/**
	 * Each segment of the path as sent (already percent-encoded by the client)
	 * URI-encoded again, so {@code %3D} becomes {@code %253D} and {@code @} becomes
	 * {@code %40}.
	 */
	static String canonicalUri(String rawPath) {
		if (rawPath.isEmpty()) {
			return "/";
		}
		String[] segments = rawPath.split("/", -1);
		StringBuilder uri = new StringBuilder(rawPath.length() + 16);
		for (int i = 0; i < segments.length; i++) {
			if (i > 0) {
				uri.append('/');
			}
			uri.append(uriEncode(segments[i]));
		}
		return uri.toString();
	}

	/**
	 * Parameters decoded, encoded again by the SigV4 rules and sorted by name, then
	 * value, so that any correct encoding of the same query gives the same text.
	 */
	static String canonicalQuery(@Nullable String rawQuery) {
		if (rawQuery == null || rawQuery.isEmpty()) {
			return "";
		}
		List<String[]> parameters = new ArrayList<>();
		for (String pair : rawQuery.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = (equals < 0) ? pair : pair.substring(0, equals);
			String value = (equals < 0) ? "" : pair.substring(equals + 1);
			parameters.add(new String[] { uriEncode(decode(name)), uriEncode(decode(value)) });
		}
		parameters.sort(Comparator.<String[], String>comparing((parameter) -> parameter[0])
			.thenComparing((parameter) -> parameter[1]));
		StringBuilder query = new StringBuilder();
		for (String[] parameter : parameters) {
			if (!query.isEmpty()) {
				query.append('&');
			}
			query.append(parameter[0]).append('=').append(parameter[1]);
		}
		return query.toString();
	}

	/**
	 * One {@code name:value} line per signed header: values of repeated headers joined by
	 * commas, each trimmed with inner runs of spaces collapsed to one.
	 */
	static String canonicalHeaders(HttpHeaders headers, List<String> signedHeaders) {
		StringBuilder canonical = new StringBuilder();
		for (String name : signedHeaders) {
			List<String> values = headers.getAll(name);
			canonical.append(name.toLowerCase(Locale.ROOT)).append(':');
			for (int i = 0; i < values.size(); i++) {
				if (i > 0) {
					canonical.append(',');
				}
				appendCollapsed(canonical, values.get(i).trim());
			}
			canonical.append('\n');
		}
		return canonical.toString();
	}

	/**
	 * Append the value with each run of spaces collapsed to one space (without a regular
	 * expression: this runs for every header of every request).
	 */
	private static void appendCollapsed(StringBuilder canonical, String value) {
		boolean space = false;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c != ' ' || !space) {
				canonical.append(c);
			}
			space = c == ' ';
		}
	}

	/**
	 * SigV4 URI encoding: every byte of the UTF-8 form but {@code A-Z a-z 0-9 - _ . ~}
	 * becomes {@code %XX} with upper-case hex digits.
	 */
	static String uriEncode(String value) {
		StringBuilder encoded = new StringBuilder(value.length() + 8);
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
					|| c == '.' || c == '~') {
				encoded.append((char) c);
			}
			else {
				encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0f]);
			}
		}
		return encoded.toString();
	}

	private static String decode(String component) {
		String decoded = PathIds.percentDecode(component);
		return (decoded != null) ? decoded : component;
	}

}
