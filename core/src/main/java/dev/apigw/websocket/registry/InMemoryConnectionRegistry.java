package dev.apigw.websocket.registry;

import java.time.Clock;
import java.time.Instant;
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

	private final Map<String, Registration> connections = new ConcurrentHashMap<>();

	private volatile Clock clock = Clock.systemUTC();

	/**
	 * Set the clock that registration times are read from. Defaults to the system clock
	 * in UTC.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "'clock' must not be null");
		this.clock = clock;
	}

	@Override
	public void register(String connectionId, Map<String, String> attributes) {
		Assert.hasText(connectionId, "'connectionId' must not be blank");
		Assert.notNull(attributes, "'attributes' must not be null");
		Registration registration = new Registration(Map.copyOf(attributes), this.clock.instant());
		this.connections.merge(connectionId, registration,
				(existing, replacement) -> new Registration(replacement.attributes(), existing.registeredAt()));
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
		return Optional.ofNullable(this.connections.get(connectionId)).map(Registration::attributes);
	}

	@Override
	public Optional<Instant> registeredAt(String connectionId) {
		return Optional.ofNullable(this.connections.get(connectionId)).map(Registration::registeredAt);
	}

	@Override
	public Stream<String> connectionIds() {
		return this.connections.keySet().stream();
	}

	@Override
	public long size() {
		return this.connections.size();
	}

	private record Registration(Map<String, String> attributes, Instant registeredAt) {
	}

}
