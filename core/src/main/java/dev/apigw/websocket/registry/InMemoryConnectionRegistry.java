package dev.apigw.websocket.registry;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.springframework.util.Assert;

/**
 * Thread-safe {@link ConnectionRegistry} held in memory. Suits one application instance;
 * several instances behind one API need a shared registry.
 *
 * @author apigw-websocket
 */
public final class InMemoryConnectionRegistry implements ConnectionRegistry {

	private final Map<String, Map<String, String>> connections = new ConcurrentHashMap<>();

	@Override
	public void register(String connectionId, Map<String, String> attributes) {
		Assert.hasText(connectionId, "'connectionId' must not be blank");
		Assert.notNull(attributes, "'attributes' must not be null");
		this.connections.put(connectionId, Map.copyOf(attributes));
	}

	@Override
	public boolean remove(String connectionId) {
		return this.connections.remove(connectionId) != null;
	}

	@Override
	public boolean contains(String connectionId) {
		return this.connections.containsKey(connectionId);
	}

	@Override
	public Optional<Map<String, String>> attributes(String connectionId) {
		return Optional.ofNullable(this.connections.get(connectionId));
	}

	@Override
	public Stream<String> connectionIds() {
		return this.connections.keySet().stream();
	}

	@Override
	public long size() {
		return this.connections.size();
	}

}
