package dev.apigw.websocket.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Registry of the live connections of an application: per connection, the user it belongs
 * to, free-form string attributes and the groups (rooms, topics) it has joined. A
 * registry shared by several instances lets any of them receive {@code $connect}, send to
 * a group and forget a gone connection for all.
 * <p>
 * A registration expires {@link #DEFAULT_TIME_TO_LIVE two hours} (API Gateway's maximum
 * connection duration, configurable per implementation) after it was made, so that a
 * connection whose {@code $disconnect} never arrived does not live for ever: an expired
 * connection is reported nowhere, exactly as a removed one.
 * <p>
 * Lookups by group and by user return a snapshot of the member ids, ready to be handed to
 * a broadcast. A snapshot rather than a page or a lazy stream: the account-wide
 * {@code @connections} quota (10,000 messages per second) makes a group of 100,000
 * connections take ten seconds per message, long before its ids (a few megabytes) matter,
 * and a broadcast needs the whole id list to bound its concurrency anyway.
 * <p>
 * Implementations are thread-safe, reject a blank id, user id or group name with an
 * {@link IllegalArgumentException}, and report a store that is down or too slow with a
 * {@link ConnectionRegistryException} within their configured timeout. Removing a
 * connection removes its memberships and its user index entry with it: none is left
 * behind, whatever runs concurrently.
 *
 * @author apigw-websocket
 * @see InMemoryConnectionRegistry
 * @since 0.1.0
 */
public interface ConnectionRegistry {

	/**
	 * Time to live of a registration unless configured otherwise: API Gateway's maximum
	 * connection duration.
	 */
	Duration DEFAULT_TIME_TO_LIVE = Duration.ofHours(2);

	/**
	 * Register a connection without a user. Equivalent to
	 * {@code register(connectionId, null, attributes)}.
	 * @param connectionId the connection id
	 * @param attributes the attributes of the connection
	 * @see #register(String, String, Map)
	 */
	default void register(String connectionId, Map<String, String> attributes) {
		register(connectionId, null, attributes);
	}

	/**
	 * Register a connection, remembering when. Registering an already registered
	 * connection replaces its user and attributes and keeps its registration time, its
	 * expiry and its groups; registering an expired one starts a new registration.
	 * @param connectionId the connection id
	 * @param userId the user the connection belongs to, or {@code null} for none
	 * @param attributes the attributes of the connection
	 * @see #registeredAt(String)
	 */
	void register(String connectionId, @Nullable String userId, Map<String, String> attributes);

	/**
	 * Register a connection together with the groups it joins, as one change where the
	 * store allows it (in memory and on Redis; on DynamoDB the memberships are written
	 * right after the connection item). Otherwise as
	 * {@link #register(String, String, Map)} followed by a {@link #join(String, String)
	 * join} of each group: re-registering keeps the groups already joined and adds these.
	 * {@link ConnectionLifecycle} registers a connection this way once the listeners of
	 * its {@code $connect} accepted it.
	 * @param connectionId the connection id
	 * @param userId the user the connection belongs to, or {@code null} for none
	 * @param attributes the attributes of the connection
	 * @param groupNames the groups the connection joins, none blank
	 */
	default void register(String connectionId, @Nullable String userId, Map<String, String> attributes,
			Set<String> groupNames) {
		RegistryArguments.checkRegistration(connectionId, userId, attributes, groupNames);
		register(connectionId, userId, attributes);
		for (String groupName : groupNames) {
			join(connectionId, groupName);
		}
	}

	/**
	 * Remove a connection, with its memberships and its user index entry.
	 * @param connectionId the connection id
	 * @return {@code true} when the connection was registered (and not expired)
	 */
	boolean remove(String connectionId);

	/**
	 * Return the registration of a connection.
	 * @param connectionId the connection id
	 * @return the registration, or empty when the connection is not registered or expired
	 */
	Optional<RegisteredConnection> find(String connectionId);

	/**
	 * Return whether a connection is registered.
	 * @param connectionId the connection id
	 * @return {@code true} when it is registered and not expired
	 */
	default boolean contains(String connectionId) {
		return find(connectionId).isPresent();
	}

	/**
	 * Return the attributes of a connection.
	 * @param connectionId the connection id
	 * @return the attributes, or empty when the connection is not registered
	 */
	default Optional<Map<String, String>> attributes(String connectionId) {
		return find(connectionId).map(RegisteredConnection::attributes);
	}

	/**
	 * Return when a connection was first registered. {@link ConnectionLifecycle} needs it
	 * to keep a connection that API Gateway reports gone only because its upgrade has not
	 * completed yet; a shared registry stores it next to the attributes.
	 * @param connectionId the connection id
	 * @return the registration time, or empty when the connection is not registered
	 */
	default Optional<Instant> registeredAt(String connectionId) {
		return find(connectionId).map(RegisteredConnection::registeredAt);
	}

	/**
	 * Add a registered connection to a group. Joining a group twice is harmless. The
	 * membership expires with the connection.
	 * @param connectionId the connection id
	 * @param groupName the group name
	 * @return {@code true} when the connection is registered and so is now a member,
	 * {@code false} when it is not registered (nothing is stored then)
	 */
	boolean join(String connectionId, String groupName);

	/**
	 * Remove a connection from a group.
	 * @param connectionId the connection id
	 * @param groupName the group name
	 * @return {@code true} when the connection was a member
	 */
	boolean leave(String connectionId, String groupName);

	/**
	 * Return the groups a connection has joined.
	 * @param connectionId the connection id
	 * @return the group names, empty when the connection is not registered
	 */
	Set<String> groups(String connectionId);

	/**
	 * Return the ids of the connections in a group.
	 * @param groupName the group name
	 * @return a snapshot of the member ids, empty for an unknown group
	 */
	Set<String> groupMembers(String groupName);

	/**
	 * Return the number of connections in a group.
	 * @param groupName the group name
	 * @return the number of members
	 */
	long groupSize(String groupName);

	/**
	 * Return the ids of the connections of a user.
	 * @param userId the user id
	 * @return a snapshot of the connection ids, empty for an unknown user
	 */
	Set<String> userConnections(String userId);

	/**
	 * Return the number of connections of a user.
	 * @param userId the user id
	 * @return the number of connections
	 */
	long userConnectionCount(String userId);

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
