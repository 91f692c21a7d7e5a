package dev.apigw.websocket.registry;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What the listeners of a connection's {@code $connect} want it registered with: its
 * user, attributes and groups. Obtained from {@link ConnectionRegistrar#connecting}; the
 * {@link ConnectionLifecycle} applies it in one
 * {@link ConnectionRegistry#register(String, String, Map, Set) registration} once every
 * listener has accepted the connection, and drops it when one refuses. Bounded: at most
 * {@value #MAX_ATTRIBUTES} attributes and {@value #MAX_GROUPS} groups.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public final class ConnectionRegistration {

	/**
	 * Most attributes a connection is registered with at {@code $connect}.
	 */
	public static final int MAX_ATTRIBUTES = 100;

	/**
	 * Most groups a connection joins at {@code $connect}; more can be joined later.
	 */
	public static final int MAX_GROUPS = 100;

	private final String connectionId;

	private @Nullable String userId;

	private final Map<String, String> attributes = new LinkedHashMap<>();

	private final Set<String> groups = new LinkedHashSet<>();

	private boolean changed;

	ConnectionRegistration(String connectionId) {
		this.connectionId = connectionId;
	}

	/**
	 * Return the id of the connection being connected.
	 * @return the connection id
	 */
	public String connectionId() {
		return this.connectionId;
	}

	/**
	 * Set the user the connection belongs to.
	 * @param userId the user id
	 * @return this registration
	 */
	public synchronized ConnectionRegistration userId(String userId) {
		RegistryArguments.checkUserId(userId);
		this.userId = userId;
		this.changed = true;
		return this;
	}

	/**
	 * Set an attribute of the connection, replacing one of the same name.
	 * @param name the attribute name
	 * @param value the attribute value
	 * @return this registration
	 */
	public synchronized ConnectionRegistration attribute(String name, String value) {
		Assert.hasText(name, "'name' must not be blank");
		Assert.notNull(value, "'value' must not be null");
		Assert.state(this.attributes.size() < MAX_ATTRIBUTES || this.attributes.containsKey(name), () -> "Connection '"
				+ this.connectionId + "' already has " + MAX_ATTRIBUTES + " attributes, the most a $connect registers");
		this.attributes.put(name, value);
		this.changed = true;
		return this;
	}

	/**
	 * Set attributes of the connection, replacing those of the same names.
	 * @param attributes the attributes
	 * @return this registration
	 */
	public ConnectionRegistration attributes(Map<String, String> attributes) {
		Assert.notNull(attributes, "'attributes' must not be null");
		attributes.forEach(this::attribute);
		return this;
	}

	/**
	 * Join a group with the registration.
	 * @param groupName the group name
	 * @return this registration
	 */
	public synchronized ConnectionRegistration join(String groupName) {
		RegistryArguments.checkGroupName(groupName);
		Assert.state(this.groups.size() < MAX_GROUPS || this.groups.contains(groupName),
				() -> "Connection '" + this.connectionId + "' already joins " + MAX_GROUPS
						+ " groups, the most a $connect registers; join more later with ConnectionRegistry.join");
		this.groups.add(groupName);
		this.changed = true;
		return this;
	}

	/**
	 * Leave a group joined earlier in the same {@code $connect}.
	 * @param groupName the group name
	 * @return whether the group was to be joined
	 */
	public synchronized boolean leave(String groupName) {
		RegistryArguments.checkGroupName(groupName);
		return this.groups.remove(groupName);
	}

	/**
	 * Return the user the connection is to be registered with.
	 * @return the user id, or {@code null} for none
	 */
	public synchronized @Nullable String userId() {
		return this.userId;
	}

	/**
	 * Return the attributes the connection is to be registered with.
	 * @return a copy of the attributes
	 */
	public synchronized Map<String, String> attributes() {
		return Map.copyOf(this.attributes);
	}

	/**
	 * Return the groups the connection is to join.
	 * @return a copy of the group names
	 */
	public synchronized Set<String> groups() {
		return Set.copyOf(this.groups);
	}

	synchronized boolean isChanged() {
		return this.changed;
	}

	@Override
	public synchronized String toString() {
		return "ConnectionRegistration[connectionId=" + this.connectionId + ", userId=" + this.userId + ", attributes="
				+ this.attributes.keySet() + ", groups=" + this.groups + "]";
	}

}
