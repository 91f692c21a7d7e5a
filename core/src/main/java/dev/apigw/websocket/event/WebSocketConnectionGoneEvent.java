package dev.apigw.websocket.event;

import java.net.URI;
import java.time.Instant;

import dev.apigw.websocket.ManagementOperation;

/**
 * Published once for every 410 answer of the management API: the connection is gone.
 * {@code $disconnect} is best effort, so this event is the reliable signal.
 *
 * @param connectionId the id of the gone connection
 * @param operation the operation that was answered with 410
 * @param endpoint the management endpoint
 * @param time when the 410 was received
 * @author apigw-websocket
 * @since 0.1.0
 */
public record WebSocketConnectionGoneEvent(String connectionId, ManagementOperation operation, URI endpoint,
		Instant time) {
}
