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

	/**
	 * Send a text message (UTF-8) to every connection of a user, as a
	 * {@link #broadcastAsync(Collection, String) broadcast} to the ids the template's
	 * {@link dev.apigw.websocket.registry.ConnectionRegistry registry} holds for the
	 * user. The lookup runs on the caller's thread, bounded by the registry's timeout.
	 * @param userId the user id
	 * @param message the message
	 * @return a future of the per-connection result, completed exceptionally with a
	 * {@link dev.apigw.websocket.registry.ConnectionRegistryException} when the lookup
	 * fails (nothing was sent then)
	 * @throws IllegalStateException when the template has no registry
	 */
	CompletableFuture<BroadcastResult> sendToUserAsync(String userId, String message);

	/**
	 * Send binary data to every connection of a user.
	 * @param userId the user id
	 * @param data the data
	 * @return a future of the per-connection result
	 * @see #sendToUserAsync(String, String)
	 */
	CompletableFuture<BroadcastResult> sendToUserAsync(String userId, byte[] data);

	/**
	 * Send an object, converted once by the template's payload converter, to every
	 * connection of a user.
	 * @param userId the user id
	 * @param payload the object to send
	 * @return a future of the per-connection result
	 * @see #sendToUserAsync(String, String)
	 */
	CompletableFuture<BroadcastResult> sendJsonToUserAsync(String userId, Object payload);

	/**
	 * Send a text message (UTF-8) to every member of a group, as a
	 * {@link #broadcastAsync(Collection, String) broadcast} to the ids the template's
	 * {@link dev.apigw.websocket.registry.ConnectionRegistry registry} holds for the
	 * group. The lookup runs on the caller's thread, bounded by the registry's timeout. A
	 * member found gone is pruned from the registry and so leaves all its groups.
	 * @param groupName the group name
	 * @param message the message
	 * @return a future of the per-connection result, completed exceptionally with a
	 * {@link dev.apigw.websocket.registry.ConnectionRegistryException} when the lookup
	 * fails (nothing was sent then)
	 * @throws IllegalStateException when the template has no registry
	 */
	CompletableFuture<BroadcastResult> sendToGroupAsync(String groupName, String message);

	/**
	 * Send binary data to every member of a group.
	 * @param groupName the group name
	 * @param data the data
	 * @return a future of the per-connection result
	 * @see #sendToGroupAsync(String, String)
	 */
	CompletableFuture<BroadcastResult> sendToGroupAsync(String groupName, byte[] data);

	/**
	 * Send an object, converted once by the template's payload converter, to every member
	 * of a group.
	 * @param groupName the group name
	 * @param payload the object to send
	 * @return a future of the per-connection result
	 * @see #sendToGroupAsync(String, String)
	 */
	CompletableFuture<BroadcastResult> sendJsonToGroupAsync(String groupName, Object payload);

	/**
	 * Send a text message (UTF-8) to every connection of the template's
	 * {@link dev.apigw.websocket.registry.ConnectionRegistry registry}, as a
	 * {@link #broadcastAsync(Collection, String) broadcast}. The lookup runs on the
	 * caller's thread, bounded by the registry's timeout.
	 * @param message the message
	 * @return a future of the per-connection result, completed exceptionally with a
	 * {@link dev.apigw.websocket.registry.ConnectionRegistryException} when the lookup
	 * fails (nothing was sent then)
	 * @throws IllegalStateException when the template has no registry
	 */
	CompletableFuture<BroadcastResult> sendToAllAsync(String message);

	/**
	 * Send binary data to every registered connection.
	 * @param data the data
	 * @return a future of the per-connection result
	 * @see #sendToAllAsync(String)
	 */
	CompletableFuture<BroadcastResult> sendToAllAsync(byte[] data);

	/**
	 * Send an object, converted once by the template's payload converter, to every
	 * registered connection.
	 * @param payload the object to send
	 * @return a future of the per-connection result
	 * @see #sendToAllAsync(String)
	 */
	CompletableFuture<BroadcastResult> sendJsonToAllAsync(Object payload);

}
