package dev.apigw.websocket.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * The secret that API Gateway's integrations send in a header so that the inbound
 * endpoint can tell them from forged requests.
 *
 * @since 0.1.0
 */
public final class SharedSecret {

	private final String headerName;

	private final byte[] digest;

	/**
	 * Create a shared secret.
	 * @param headerName the header that carries the secret
	 * @param value the secret
	 */
	public SharedSecret(String headerName, String value) {
		Assert.hasText(headerName, "'headerName' must not be blank");
		Assert.hasText(value, "'value' must not be blank");
		this.headerName = headerName;
		this.digest = sha256(value);
	}

	/**
	 * Return the name of the header that carries the secret.
	 * @return the header name
	 */
	public String headerName() {
		return this.headerName;
	}

	/**
	 * Whether the given header value is the secret. Both sides are hashed first so that
	 * the comparison takes the same time whatever the length and content of the
	 * candidate.
	 * @param candidate the header value, or {@code null} when the header is absent
	 * @return {@code true} if the candidate is the secret
	 */
	public boolean matches(@Nullable String candidate) {
		return candidate != null && MessageDigest.isEqual(this.digest, sha256(candidate));
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

}
