package dev.apigw.websocket.registry;

import java.util.Optional;

import dev.apigw.websocket.event.WebSocketConnectEvent;

import org.springframework.util.Assert;

/**
 * Lets event listeners register connections, tag them and put them in groups without
 * talking to the store themselves. A {@code $connect} listener describes the registration
 * of the connection being connected:
 *
 * <pre class="code">
 * &#64;EventListener
 * void connect(WebSocketConnectEvent event) {
 *     registrar.connecting(event).userId(user).attribute("plan", "pro").join("lobby");
 * }
 * </pre>
 *
 * which the {@link ConnectionLifecycle} applies in one registration once every listener
 * has accepted the connection (nothing is stored when one refuses it). Message listeners
 * join and leave groups with one call: {@code registrar.join(event.connectionId(),
 * "room:42")}; called during a {@code $connect}, {@link #join} and {@link #leave} change
 * the pending registration instead.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public final class ConnectionRegistrar {

	private final ConnectionLifecycle lifecycle;

	/**
	 * Create a registrar.
	 * @param lifecycle the lifecycle that registers connections on {@code $connect}
	 */
	public ConnectionRegistrar(ConnectionLifecycle lifecycle) {
		Assert.notNull(lifecycle, "'lifecycle' must not be null");
		this.lifecycle = lifecycle;
	}

	/**
	 * Return the registration of the connection whose {@code $connect} is being handled.
	 * Only synchronous listeners of the event get it: an asynchronous one runs after the
	 * connection was registered.
	 * @param event the connect event being handled
	 * @return the pending registration, applied once every listener has accepted the
	 * connection
	 * @throws IllegalStateException when the {@code $connect} of the event's connection
	 * is not being handled
	 */
	public ConnectionRegistration connecting(WebSocketConnectEvent event) {
		Assert.notNull(event, "'event' must not be null");
		return this.lifecycle.registration(event.connectionId())
			.orElseThrow(() -> new IllegalStateException("The $connect of connection '" + event.connectionId()
					+ "' is not being handled: ConnectionRegistrar.connecting(event) works in synchronous "
					+ "WebSocketConnectEvent listeners only; register later with ConnectionRegistry.register"));
	}

	/**
	 * Add a connection to a group: to its pending registration while its {@code $connect}
	 * is handled, else in the registry.
	 * @param connectionId the connection id
	 * @param groupName the group name
	 * @return {@code true} when the connection is (or is being) registered and so a
	 * member, {@code false} when it is not registered
	 */
	public boolean join(String connectionId, String groupName) {
		RegistryArguments.checkConnectionId(connectionId);
		RegistryArguments.checkGroupName(groupName);
		Optional<ConnectionRegistration> pending = this.lifecycle.registration(connectionId);
		if (pending.isPresent()) {
			pending.get().join(groupName);
			return true;
		}
		return this.lifecycle.registry().join(connectionId, groupName);
	}

	/**
	 * Remove a connection from a group: from its pending registration while its
	 * {@code $connect} is handled, else in the registry.
	 * @param connectionId the connection id
	 * @param groupName the group name
	 * @return {@code true} when the connection was (or was to be) a member
	 */
	public boolean leave(String connectionId, String groupName) {
		RegistryArguments.checkConnectionId(connectionId);
		RegistryArguments.checkGroupName(groupName);
		Optional<ConnectionRegistration> pending = this.lifecycle.registration(connectionId);
		if (pending.isPresent()) {
			return pending.get().leave(groupName);
		}
		return this.lifecycle.registry().leave(connectionId, groupName);
	}

}
