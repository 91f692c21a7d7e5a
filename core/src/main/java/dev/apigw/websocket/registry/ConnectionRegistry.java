package dev.apigw.websocket.registry;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Registry of the live connections of an application, with attributes per connection
 * (for example the user). Implementations must be thread-safe.
 *
 * @author apigw-websocket
 * @see InMemoryConnectionRegistry
 */
public interface ConnectionRegistry {

	/**
	 * Register a connection, replacing the attributes of an already registered one.
	 * @param connectionId the connection id
	 * @param attributes the attributes of the connection
	 */
	void register(String connectionId, Map<String, String> attributes);

	/**
	 * Remove a connection.
	 * @param connectionId the connection id
	 * @return {@code true} when the connection was registered
	 */
	boolean remove(String connectionId);

	/**
	 * Return whether a connection is registered.
	 * @param connectionId the connection id
	 * @return {@code true} when it is registered
	 */
	boolean contains(String connectionId);

	/**
	 * Return the attributes of a connection.
	 * @param connectionId the connection id
	 * @return the attributes, or empty when the connection is not registered
	 */
	Optional<Map<String, String>> attributes(String connectionId);

	/**
	 * Return the ids of the registered connections.
	 * @return a stream of the ids
	 */
	Stream<String> connectionIds();

	/**
	 * Return the number of registered connections.
	 * @return the number of connections
	 */
	long size();

}
