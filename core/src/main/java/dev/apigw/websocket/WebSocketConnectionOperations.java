package dev.apigw.websocket;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Optional;

/**
 * Blocking operations on the connections of an API Gateway WebSocket API. Arguments are
 * checked before any call: ids must not be blank, payloads not {@code null} and at most
 * {@value WebSocketConnectionTemplate#MAX_PAYLOAD_BYTES} bytes as sent
 * ({@link IllegalArgumentException} otherwise). An operation of a stopped template throws
 * {@link IllegalStateException} before any call. Failed calls throw a
 * {@link WebSocketManagementException}.
 *
 * @author apigw-websocket
 * @see WebSocketConnectionAsyncOperations
 * @since 0.1.0
 */
public interface WebSocketConnectionOperations {

	/**
	 * Send a text message (UTF-8) to a connection.
	 * @param connectionId the connection id
	 * @param message the message
	 * @throws ConnectionGoneException when the connection is gone
	 */
	void send(String connectionId, String message);

	/**
	 * Send binary data to a connection.
	 * @param connectionId the connection id
	 * @param data the data
	 * @throws ConnectionGoneException when the connection is gone
	 */
	void send(String connectionId, byte[] data);

	/**
	 * Send the remaining bytes of a buffer to a connection; the buffer's position is not
	 * changed.
	 * @param connectionId the connection id
	 * @param data the data
	 * @throws ConnectionGoneException when the connection is gone
	 */
	void send(String connectionId, ByteBuffer data);

	/**
	 * Send an object to a connection, converted by the template's payload converter (JSON
	 * by default).
	 * @param connectionId the connection id
	 * @param payload the object to send
	 * @throws ConnectionGoneException when the connection is gone
	 */
	void sendJson(String connectionId, Object payload);

	/**
	 * Return the details of a connection.
	 * @param connectionId the connection id
	 * @return the details, or empty when the connection is gone
	 */
	Optional<ConnectionInfo> getConnection(String connectionId);

	/**
	 * Close a connection.
	 * @param connectionId the connection id
	 * @return {@code true} when a connection was closed, {@code false} when it was
	 * already gone
	 */
	boolean disconnect(String connectionId);

	/**
	 * Send a text message (UTF-8) to many connections. Never fails as a whole for one
	 * connection: each id is delivered, gone, failed or (when the template stopped
	 * meanwhile) not attempted in the result.
	 * @param connectionIds the connection ids (duplicates are sent to once)
	 * @param message the message
	 * @return the per-connection result
	 */
	BroadcastResult broadcast(Collection<String> connectionIds, String message);

	/**
	 * Send binary data to many connections.
	 * @param connectionIds the connection ids (duplicates are sent to once)
	 * @param data the data
	 * @return the per-connection result
	 * @see #broadcast(Collection, String)
	 */
	BroadcastResult broadcast(Collection<String> connectionIds, byte[] data);

	/**
	 * Send an object, converted once by the template's payload converter, to many
	 * connections.
	 * @param connectionIds the connection ids (duplicates are sent to once)
	 * @param payload the object to send
	 * @return the per-connection result
	 * @see #broadcast(Collection, String)
	 */
	BroadcastResult broadcastJson(Collection<String> connectionIds, Object payload);

	/**
	 * Send a text message (UTF-8) to every connection of a user, as a
	 * {@link #broadcast(Collection, String) broadcast} to the ids the template's
	 * {@link dev.apigw.websocket.registry.ConnectionRegistry registry} holds for the
	 * user.
	 * @param userId the user id
	 * @param message the message
	 * @return the per-connection result, empty when the user has no connection
	 * @throws IllegalStateException when the template has no registry
	 * @throws dev.apigw.websocket.registry.ConnectionRegistryException when the lookup
	 * fails (nothing was sent then)
	 */
	BroadcastResult sendToUser(String userId, String message);

	/**
	 * Send binary data to every connection of a user.
	 * @param userId the user id
	 * @param data the data
	 * @return the per-connection result
	 * @see #sendToUser(String, String)
	 */
	BroadcastResult sendToUser(String userId, byte[] data);

	/**
	 * Send an object, converted once by the template's payload converter, to every
	 * connection of a user.
	 * @param userId the user id
	 * @param payload the object to send
	 * @return the per-connection result
	 * @see #sendToUser(String, String)
	 */
	BroadcastResult sendJsonToUser(String userId, Object payload);

	/**
	 * Send a text message (UTF-8) to every member of a group, as a
	 * {@link #broadcast(Collection, String) broadcast} to the ids the template's
	 * {@link dev.apigw.websocket.registry.ConnectionRegistry registry} holds for the
	 * group. A member found gone is pruned from the registry and so leaves all its
	 * groups.
	 * @param groupName the group name
	 * @param message the message
	 * @return the per-connection result, empty for an unknown group
	 * @throws IllegalStateException when the template has no registry
	 * @throws dev.apigw.websocket.registry.ConnectionRegistryException when the lookup
	 * fails (nothing was sent then)
	 */
	BroadcastResult sendToGroup(String groupName, String message);

	/**
	 * Send binary data to every member of a group.
	 * @param groupName the group name
	 * @param data the data
	 * @return the per-connection result
	 * @see #sendToGroup(String, String)
	 */
	BroadcastResult sendToGroup(String groupName, byte[] data);

	/**
	 * Send an object, converted once by the template's payload converter, to every member
	 * of a group.
	 * @param groupName the group name
	 * @param payload the object to send
	 * @return the per-connection result
	 * @see #sendToGroup(String, String)
	 */
	BroadcastResult sendJsonToGroup(String groupName, Object payload);

	/**
	 * Send a text message (UTF-8) to every connection of the template's
	 * {@link dev.apigw.websocket.registry.ConnectionRegistry registry}, as a
	 * {@link #broadcast(Collection, String) broadcast}.
	 * @param message the message
	 * @return the per-connection result
	 * @throws IllegalStateException when the template has no registry
	 * @throws dev.apigw.websocket.registry.ConnectionRegistryException when the lookup
	 * fails (nothing was sent then)
	 */
	BroadcastResult sendToAll(String message);

	/**
	 * Send binary data to every registered connection.
	 * @param data the data
	 * @return the per-connection result
	 * @see #sendToAll(String)
	 */
	BroadcastResult sendToAll(byte[] data);

	/**
	 * Send an object, converted once by the template's payload converter, to every
	 * registered connection.
	 * @param payload the object to send
	 * @return the per-connection result
	 * @see #sendToAll(String)
	 */
	BroadcastResult sendJsonToAll(Object payload);

}
