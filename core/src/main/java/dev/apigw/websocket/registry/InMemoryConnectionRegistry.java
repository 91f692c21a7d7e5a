package dev.apigw.websocket.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import static dev.apigw.websocket.registry.RegistryArguments.checkConnectionId;
import static dev.apigw.websocket.registry.RegistryArguments.checkGroupName;
import static dev.apigw.websocket.registry.RegistryArguments.checkRegistration;
import static dev.apigw.websocket.registry.RegistryArguments.checkUserId;

/**
 * Thread-safe {@link ConnectionRegistry} held in memory. Suits one application instance;
 * several instances behind one API need a shared registry.
 * <p>
 * Every change to a connection, its memberships and its user index entry is made under
 * that connection's lock, so a membership never outlives its connection. Expired
 * connections are hidden at once and dropped when next touched, and at most once a minute
 * by a sweep that registrations run.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public final class InMemoryConnectionRegistry implements ConnectionRegistry {

	private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

	private final ConcurrentMap<String, Entry> connections = new ConcurrentHashMap<>();

	// indexes: changed only inside a compute of the connection they index (lock order:
	// connections, then groups or users), so that they agree with the connections
	private final ConcurrentMap<String, Set<String>> groups = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Set<String>> users = new ConcurrentHashMap<>();

	private final AtomicReference<@Nullable Instant> nextSweep = new AtomicReference<>();

	private volatile Clock clock = Clock.systemUTC();

	private volatile Duration timeToLive = DEFAULT_TIME_TO_LIVE;

	/**
	 * Set the clock that registration and expiry times are read from. Defaults to the
	 * system clock in UTC.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "'clock' must not be null");
		this.clock = clock;
	}

	/**
	 * Set how long after its registration a connection expires. Defaults to
	 * {@link #DEFAULT_TIME_TO_LIVE}.
	 * @param timeToLive the time to live, positive
	 */
	public void setTimeToLive(Duration timeToLive) {
		Assert.notNull(timeToLive, "'timeToLive' must not be null");
		Assert.isTrue(!timeToLive.isNegative() && !timeToLive.isZero(),
				() -> "'timeToLive' must be positive, but was " + timeToLive);
		this.timeToLive = timeToLive;
	}

	/**
	 * Return how long after its registration a connection expires.
	 * @return the time to live
	 */
	public Duration getTimeToLive() {
		return this.timeToLive;
	}

	@Override
	public void register(String connectionId, @Nullable String userId, Map<String, String> attributes) {
		checkRegistration(connectionId, userId, attributes);
		register(connectionId, userId, attributes, Set.<String>of(), this.clock.instant());
	}

	/**
	 * Register a connection with its groups under the connection's lock: no lookup sees
	 * it registered without them.
	 */
	@Override
	public void register(String connectionId, @Nullable String userId, Map<String, String> attributes,
			Set<String> groupNames) {
		checkRegistration(connectionId, userId, attributes, groupNames);
		register(connectionId, userId, attributes, Set.copyOf(groupNames), this.clock.instant());
	}

	private void register(String connectionId, @Nullable String userId, Map<String, String> attributes,
			Set<String> groupNames, Instant now) {
		this.connections.compute(connectionId, (id, existing) -> {
			if (existing != null && !existing.connection().isExpiredAt(now)) {
				RegisteredConnection previous = existing.connection();
				if (!Objects.equals(previous.userId(), userId)) {
					unindex(this.users, previous.userId(), id);
					index(this.users, userId, id);
				}
				return new Entry(
						new RegisteredConnection(id, userId, attributes, previous.registeredAt(), previous.expiresAt()),
						joined(id, existing.groups(), groupNames));
			}
			if (existing != null) {
				unindexAll(id, existing);
			}
			index(this.users, userId, id);
			return new Entry(new RegisteredConnection(id, userId, attributes, now, now.plus(this.timeToLive)),
					joined(id, Set.of(), groupNames));
		});
		sweepIfDue(now);
	}

	// call inside the connection's compute
	private Set<String> joined(String connectionId, Set<String> groups, Set<String> joining) {
		if (groups.containsAll(joining)) {
			return groups;
		}
		Set<String> joined = new HashSet<>(groups);
		for (String group : joining) {
			if (joined.add(group)) {
				index(this.groups, group, connectionId);
			}
		}
		return Set.copyOf(joined);
	}

	@Override
	public boolean remove(String connectionId) {
		checkConnectionId(connectionId);
		Instant now = this.clock.instant();
		AtomicBoolean removed = new AtomicBoolean();
		this.connections.computeIfPresent(connectionId, (id, existing) -> {
			unindexAll(id, existing);
			removed.set(!existing.connection().isExpiredAt(now));
			return null;
		});
		return removed.get();
	}

	@Override
	public Optional<RegisteredConnection> find(String connectionId) {
		checkConnectionId(connectionId);
		return Optional.ofNullable(live(connectionId, this.clock.instant())).map(Entry::connection);
	}

	@Override
	public boolean join(String connectionId, String groupName) {
		checkConnectionId(connectionId);
		checkGroupName(groupName);
		Instant now = this.clock.instant();
		AtomicBoolean joined = new AtomicBoolean();
		this.connections.computeIfPresent(connectionId, (id, existing) -> {
			if (existing.connection().isExpiredAt(now)) {
				unindexAll(id, existing);
				return null;
			}
			joined.set(true);
			if (existing.groups().contains(groupName)) {
				return existing;
			}
			index(this.groups, groupName, id);
			Set<String> joinedGroups = new HashSet<>(existing.groups());
			joinedGroups.add(groupName);
			return new Entry(existing.connection(), Set.copyOf(joinedGroups));
		});
		return joined.get();
	}

	@Override
	public boolean leave(String connectionId, String groupName) {
		checkConnectionId(connectionId);
		checkGroupName(groupName);
		Instant now = this.clock.instant();
		AtomicBoolean left = new AtomicBoolean();
		this.connections.computeIfPresent(connectionId, (id, existing) -> {
			if (!existing.groups().contains(groupName)) {
				return existing;
			}
			left.set(!existing.connection().isExpiredAt(now));
			unindex(this.groups, groupName, id);
			Set<String> remaining = new HashSet<>(existing.groups());
			remaining.remove(groupName);
			return new Entry(existing.connection(), Set.copyOf(remaining));
		});
		return left.get();
	}

	@Override
	public Set<String> groups(String connectionId) {
		checkConnectionId(connectionId);
		Entry entry = live(connectionId, this.clock.instant());
		return (entry != null) ? entry.groups() : Set.of();
	}

	@Override
	public Set<String> groupMembers(String groupName) {
		checkGroupName(groupName);
		return liveMembers(this.groups, groupName);
	}

	@Override
	public long groupSize(String groupName) {
		return groupMembers(groupName).size();
	}

	@Override
	public Set<String> userConnections(String userId) {
		checkUserId(userId);
		return liveMembers(this.users, userId);
	}

	@Override
	public long userConnectionCount(String userId) {
		return userConnections(userId).size();
	}

	@Override
	public Stream<String> connectionIds() {
		Instant now = this.clock.instant();
		return this.connections.entrySet()
			.stream()
			.filter((entry) -> !entry.getValue().connection().isExpiredAt(now))
			.map(Map.Entry::getKey);
	}

	@Override
	public long size() {
		Instant now = this.clock.instant();
		return this.connections.values().stream().filter((entry) -> !entry.connection().isExpiredAt(now)).count();
	}

	/**
	 * Drop every expired connection with its memberships. Registrations call it at most
	 * once a minute; a scheduler may call it more often.
	 * @return the number of connections dropped
	 */
	public int removeExpired() {
		Instant now = this.clock.instant();
		int removed = 0;
		for (Map.Entry<String, Entry> entry : this.connections.entrySet()) {
			if (entry.getValue().connection().isExpiredAt(now) && removeIfExpired(entry.getKey(), now)) {
				removed++;
			}
		}
		return removed;
	}

	private void sweepIfDue(Instant now) {
		Instant due = this.nextSweep.get();
		if (due == null) {
			this.nextSweep.compareAndSet(null, now.plus(SWEEP_INTERVAL));
		}
		else if (!now.isBefore(due) && this.nextSweep.compareAndSet(due, now.plus(SWEEP_INTERVAL))) {
			removeExpired();
		}
	}

	private @Nullable Entry live(String connectionId, Instant now) {
		Entry entry = this.connections.get(connectionId);
		if (entry != null && entry.connection().isExpiredAt(now)) {
			removeIfExpired(connectionId, now);
			return null;
		}
		return entry;
	}

	private boolean removeIfExpired(String connectionId, Instant now) {
		AtomicBoolean removed = new AtomicBoolean();
		this.connections.computeIfPresent(connectionId, (id, existing) -> {
			if (!existing.connection().isExpiredAt(now)) {
				return existing;
			}
			unindexAll(id, existing);
			removed.set(true);
			return null;
		});
		return removed.get();
	}

	private Set<String> liveMembers(ConcurrentMap<String, Set<String>> index, String key) {
		Set<String> members = index.get(key);
		if (members == null) {
			return Set.of();
		}
		Instant now = this.clock.instant();
		return members.stream().filter((id) -> isLive(id, now)).collect(Collectors.toUnmodifiableSet());
	}

	private boolean isLive(String connectionId, Instant now) {
		Entry entry = this.connections.get(connectionId);
		return entry != null && !entry.connection().isExpiredAt(now);
	}

	private void unindexAll(String connectionId, Entry entry) {
		unindex(this.users, entry.connection().userId(), connectionId);
		for (String group : entry.groups()) {
			unindex(this.groups, group, connectionId);
		}
	}

	private static void index(ConcurrentMap<String, Set<String>> index, @Nullable String key, String connectionId) {
		if (key != null) {
			index.compute(key, (k, members) -> {
				Set<String> updated = (members != null) ? members : ConcurrentHashMap.newKeySet();
				updated.add(connectionId);
				return updated;
			});
		}
	}

	private static void unindex(ConcurrentMap<String, Set<String>> index, @Nullable String key, String connectionId) {
		if (key != null) {
			index.computeIfPresent(key, (k, members) -> {
				members.remove(connectionId);
				return members.isEmpty() ? null : members;
			});
		}
	}

	/**
	 * Package-private view of the indexes for the invariant checks of the tests.
	 */
	Map<String, Set<String>> groupIndex() {
		return this.groups;
	}

	Map<String, Set<String>> userIndex() {
		return this.users;
	}

	private record Entry(RegisteredConnection connection, Set<String> groups) {
	}

}
