package dev.apigw.websocket.registry;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A connection as a {@link ConnectionRegistry} holds it.
 *
 * @param connectionId the connection id
 * @param userId the user the connection belongs to, or {@code null} for none
 * @param attributes the attributes given at registration, never {@code null}
 * @param registeredAt when the connection was first registered
 * @param expiresAt when the registration expires unless the connection is removed before
 * @author apigw-websocket
 * @since 0.1.0
 */
public record RegisteredConnection(String connectionId, @Nullable String userId, Map<String, String> attributes,
		Instant registeredAt, Instant expiresAt) {

	public RegisteredConnection {
		Assert.hasText(connectionId, "'connectionId' must not be blank");
		Assert.isTrue(userId == null || !userId.isBlank(), "'userId' must not be blank");
		Assert.notNull(attributes, "'attributes' must not be null");
		Assert.notNull(registeredAt, "'registeredAt' must not be null");
		Assert.notNull(expiresAt, "'expiresAt' must not be null");
		attributes = Map.copyOf(attributes);
	}

	/**
	 * Return whether the registration has expired at the given time.
	 * @param now the time to check at
	 * @return {@code true} when {@code now} is at or after the expiry
	 */
	public boolean isExpiredAt(Instant now) {
		return !now.isBefore(this.expiresAt);
	}

}
