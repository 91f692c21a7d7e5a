package dev.apigw.websocket;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Non-blocking operations on the connections of an API Gateway WebSocket API. Invalid
 * arguments are thrown at once as {@link IllegalArgumentException}, and an operation of a
 * stopped template as {@link IllegalStateException}, before any call; failed calls
 * complete the future exceptionally with a {@link WebSocketManagementException}.
 *
 * @author apigw-websocket
 * @see WebSocketConnectionOperations
 * @since 0.1.0
 */
public interface WebSocketConnectionAsyncOperations {

	/**
	 * Send a text message (UTF-8) to a connection.
	 * @param connectionId the connection id
	 * @param message the message
	 * @return a future completed when the message was accepted, or exceptionally with
	 * {@link ConnectionGoneException} when the connection is gone
	 */
	CompletableFuture<Void> sendAsync(String connectionId, String message);

	/**
	 * Send binary data to a connection.
	 * @param connectionId the connection id
	 * @param data the data
	 * @return a future completed when the data was accepted
	 */
	CompletableFuture<Void> sendAsync(String connectionId, byte[] data);

	/**
	 * Send the remaining bytes of a buffer to a connection; the buffer's position is not
	 * changed.
	 * @param connectionId the connection id
	 * @param data the data
	 * @return a future completed when the data was accepted
	 */
	CompletableFuture<Void> sendAsync(String connectionId, ByteBuffer data);

	/**
	 * Send an object to a connection, converted by the template's payload converter.
	 * @param connectionId the connection id
	 * @param payload the object to send
	 * @return a future completed when the payload was accepted
	 */
	CompletableFuture<Void> sendJsonAsync(String connectionId, Object payload);

	/**
	 * Return the details of a connection.
	 * @param connectionId the connection id
	 * @return a future of the details, empty when the connection is gone
	 */
	CompletableFuture<Optional<ConnectionInfo>> getConnectionAsync(String connectionId);

	/**
	 * Close a connection.
	 * @param connectionId the connection id
	 * @return a future of {@code true} when a connection was closed, {@code false} when
	 * it was already gone
	 */
	CompletableFuture<Boolean> disconnectAsync(String connectionId);

	/**
	 * Send a text message (UTF-8) to many connections. The future never completes
	 * exceptionally for one connection: each id is delivered, gone, failed or (when the
	 * template stopped meanwhile) not attempted in the result.
	 * @param connectionIds the connection ids (duplicates are sent to once)
	 * @param message the message
	 * @return a future of the per-connection result
	 */
	CompletableFuture<BroadcastResult> broadcastAsync(Collection<String> connectionIds, String message);

	/**
	 * Send binary data to many connections.
	 * @param connectionIds the connection ids (duplicates are sent to once)
	 * @param data the data
	 * @return a future of the per-connection result
	 * @see #broadcastAsync(Collection, String)
	 */
	CompletableFuture<BroadcastResult> broadcastAsync(Collection<String> connectionIds, byte[] data);

	/**
	 * Send an object, converted once by the template's payload converter, to many
	 * connections.
	 * @param connectionIds the connection ids (duplicates are sent to once)
	 * @param payload the object to send
	 * @return a future of the per-connection result
	 * @see #broadcastAsync(Collection, String)
	 */
	CompletableFuture<BroadcastResult> broadcastJsonAsync(Collection<String> connectionIds, Object payload);

}
