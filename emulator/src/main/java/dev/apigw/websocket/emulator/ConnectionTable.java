package dev.apigw.websocket.emulator;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Open connections by id; issues new ids.
 */
final class ConnectionTable {

	private final Map<String, LiveConnection> connections = new ConcurrentHashMap<>();

	private final Supplier<String> ids;

	ConnectionTable(Supplier<String> ids) {
		this.ids = ids;
	}

	@Nullable LiveConnection get(String connectionId) {
		return this.connections.get(connectionId);
	}

	/**
	 * The connection if it is still open: a closed one stays in the table until its
	 * channel's inactive event has run.
	 */
	@Nullable LiveConnection findOpen(String connectionId) {
		LiveConnection connection = this.connections.get(connectionId);
		return (connection != null && connection.isOpen()) ? connection : null;
	}

	void add(LiveConnection connection) {
		this.connections.put(connection.id(), connection);
	}

	boolean remove(LiveConnection connection) {
		return this.connections.remove(connection.id(), connection);
	}

	/**
	 * An id that is not in use. Clashes are practically impossible, the check makes them
	 * harmless.
	 */
	String newId() {
		String id = this.ids.get();
		while (this.connections.containsKey(id)) {
			id = this.ids.get();
		}
		return id;
	}

	Collection<LiveConnection> all() {
		return this.connections.values();
	}

}
