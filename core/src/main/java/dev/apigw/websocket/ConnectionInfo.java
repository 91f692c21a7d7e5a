package dev.apigw.websocket;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Details of a live connection, as returned by {@code GetConnection}.
 *
 * @param connectionId the connection id
 * @param connectedAt when the connection was opened
 * @param lastActiveAt when the connection last sent or received a message
 * @param sourceIp the client's source IP address
 * @param userAgent the client's user agent
 * @author apigw-websocket
 * @since 0.1.0
 */
public record ConnectionInfo(String connectionId, @Nullable Instant connectedAt, @Nullable Instant lastActiveAt,
		@Nullable String sourceIp, @Nullable String userAgent) {
}
