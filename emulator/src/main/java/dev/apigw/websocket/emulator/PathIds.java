package dev.apigw.websocket.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Connection ids from a request path segment, percent-decoded exactly once. Unlike form
 * decoding, {@code +} stays {@code +}.
 */
final class PathIds {

	private static final int MAX_ID_LENGTH = 128;

	private PathIds() {
	}

	/**
	 * The decoded id, or {@code null} when the segment is empty, badly encoded, too long,
	 * or holds characters that no connection id has (ids use Base64 characters and
	 * {@code =}).
	 */
	static @Nullable String decode(String segment) {
		String decoded = percentDecode(segment);
		if (decoded == null || decoded.isEmpty() || decoded.length() > MAX_ID_LENGTH) {
			return null;
		}
		for (int i = 0; i < decoded.length(); i++) {
			char c = decoded.charAt(i);
			boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
					|| c == '/' || c == '=' || c == '-' || c == '_';
			if (!allowed) {
				return null;
			}
		}
		return decoded;
	}

	static @Nullable String percentDecode(String segment) {
		if (segment.indexOf('%') < 0) {
			return segment;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
		for (int i = 0; i < segment.length(); i++) {
			char c = segment.charAt(i);
			if (c != '%') {
				bytes.write(c);
				continue;
			}
			if (i + 2 >= segment.length()) {
				return null;
			}
			int high = Character.digit(segment.charAt(i + 1), 16);
			int low = Character.digit(segment.charAt(i + 2), 16);
			if (high < 0 || low < 0) {
				return null;
			}
			bytes.write((high << 4) | low);
			i += 2;
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

}
