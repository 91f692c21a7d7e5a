package dev.apigw.websocket.emulator;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Connection ids in API Gateway's shape: 11 random bytes in standard Base64, which gives
 * 16 characters ending in {@code =} (like {@code L0SM9cOFvHcCIhw=}) and may contain
 * {@code +} and {@code /}, so clients must path-encode them.
 */
final class ConnectionIds {

	private static final int RANDOM_BYTES = 11;

	private static final SecureRandom RANDOM = new SecureRandom();

	private ConnectionIds() {
	}

	static String next() {
		byte[] bytes = new byte[RANDOM_BYTES];
		RANDOM.nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

}
