package dev.apigw.websocket.registry;

import java.time.Instant;
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
	 * Register a connection, remembering when. Registering an already registered
	 * connection replaces its attributes and keeps its registration time.
	 * @param connectionId the connection id
	 * @param attributes the attributes of the connection
	 * @see #registeredAt(String)
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
	 * Return when a connection was first registered. {@link ConnectionLifecycle} needs it
	 * to keep a connection that API Gateway reports gone only because its upgrade has not
	 * completed yet; a shared registry stores it next to the attributes.
	 * @param connectionId the connection id
	 * @return the registration time, or empty when the connection is not registered
	 */
	Optional<Instant> registeredAt(String connectionId);

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
