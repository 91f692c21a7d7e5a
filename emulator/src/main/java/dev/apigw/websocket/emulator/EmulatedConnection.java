package dev.apigw.websocket.emulator;

import java.time.Instant;
import java.util.List;

/**
 * Snapshot of one open connection.
 *
 * @param id connection id, as used in the management API path
 * @param connectedAt when the handshake completed
 * @param lastActiveAt last time a data message went either way
 * @param sourceIp client address
 * @param userAgent client {@code User-Agent} header, empty when none was sent
 * @param receivedMessages messages sent to the client (management posts, route responses,
 * error messages), oldest first, at most the configured history size
 * @param sentMessages messages the client sent, oldest first, at most the configured
 * history size
 * @since 0.1.0
 */
public record EmulatedConnection(String id, Instant connectedAt, Instant lastActiveAt, String sourceIp,
		String userAgent, List<EmulatedMessage> receivedMessages, List<EmulatedMessage> sentMessages) {

	/**
	 * Create a snapshot; copies the lists.
	 */
	public EmulatedConnection {
		receivedMessages = List.copyOf(receivedMessages);
		sentMessages = List.copyOf(sentMessages);
	}

}
