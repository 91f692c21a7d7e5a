package dev.apigw.websocket.registry.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.Assert;

import dev.apigw.websocket.registry.ConnectionRegistry;
import dev.apigw.websocket.registry.ConnectionRegistryException;
import dev.apigw.websocket.registry.RegisteredConnection;

import static dev.apigw.websocket.registry.RegistryArguments.checkConnectionId;
import static dev.apigw.websocket.registry.RegistryArguments.checkGroupName;
import static dev.apigw.websocket.registry.RegistryArguments.checkRegistration;
import static dev.apigw.websocket.registry.RegistryArguments.checkUserId;

/**
 * {@link ConnectionRegistry} shared by every instance of an application through Redis.
 * <p>
 * Keys, under a configurable prefix ({@value #DEFAULT_KEY_PREFIX} by default):
 * <ul>
 * <li>{@code conn:{id}}: hash of the connection ({@code registeredAt}, {@code expiresAt}
 * in epoch milliseconds, {@code userId}, one {@code a:{name}} field per attribute);</li>
 * <li>{@code conn-groups:{id}}: set of the groups the connection has joined;</li>
 * <li>{@code group:{name}}, {@code user:{id}}, {@code connections}: sorted sets of
 * connection ids scored by their expiry, so that a lookup reads only live members
 * ({@code ZRANGEBYSCORE}) and drops the expired ones ({@code ZREMRANGEBYSCORE}).</li>
 * </ul>
 * Every key expires with its longest-lived connection, so a connection whose
 * {@code $disconnect} never arrived leaves nothing behind. Each change is one Lua script,
 * so a membership is never left without its connection; no operation scans the keyspace.
 * On Redis Cluster, put a hash tag in the prefix (for example {@code {apigw:ws}:}) so
 * that a script's keys share a slot.
 * <p>
 * Operations are bounded by the connection factory's command timeout
 * ({@code spring.data.redis.timeout}); a failure or a timeout is raised as a
 * {@link ConnectionRegistryException}.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public final class RedisConnectionRegistry implements ConnectionRegistry {

	/**
	 * Key prefix used unless one is set.
	 */
	public static final String DEFAULT_KEY_PREFIX = "apigw:ws:";

	private static final String STORE = "Redis";

	private static final String ATTRIBUTE_FIELD_PREFIX = "a:";

	private final StringRedisTemplate redis;

	private volatile String keyPrefix = DEFAULT_KEY_PREFIX;

	private volatile Duration timeToLive = DEFAULT_TIME_TO_LIVE;

	private volatile Clock clock = Clock.systemUTC();

	/**
	 * Create a registry on the given connection factory.
	 * @param connectionFactory the connection factory, typically the application's
	 */
	public RedisConnectionRegistry(RedisConnectionFactory connectionFactory) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		this.redis = new StringRedisTemplate(connectionFactory);
	}

	/**
	 * Set the prefix of every key of the registry. Defaults to
	 * {@value #DEFAULT_KEY_PREFIX}.
	 * @param keyPrefix the key prefix
	 */
	public void setKeyPrefix(String keyPrefix) {
		Assert.hasText(keyPrefix, "'keyPrefix' must not be blank");
		this.keyPrefix = keyPrefix;
	}

	/**
	 * Return the prefix of every key of the registry.
	 * @return the key prefix
	 */
	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	/**
	 * Set how long after its registration a connection expires. Defaults to
	 * {@link #DEFAULT_TIME_TO_LIVE}.
	 * @param timeToLive the time to live, at least one millisecond
	 */
	public void setTimeToLive(Duration timeToLive) {
		Assert.notNull(timeToLive, "'timeToLive' must not be null");
		Assert.isTrue(timeToLive.toMillis() > 0,
				() -> "'timeToLive' must be at least one millisecond, but was " + timeToLive);
		this.timeToLive = timeToLive;
	}

	/**
	 * Return how long after its registration a connection expires.
	 * @return the time to live
	 */
	public Duration getTimeToLive() {
		return this.timeToLive;
	}

	/**
	 * Set the clock that registration and expiry times are read from. Every instance
	 * sharing the registry should have a synchronised clock: their skew shifts expiry.
	 * Defaults to the system clock in UTC.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "'clock' must not be null");
		this.clock = clock;
	}

	@Override
	public void register(String connectionId, @Nullable String userId, Map<String, String> attributes) {
		checkRegistration(connectionId, userId, attributes);
		register(connectionId, userId, attributes, Set.<String>of(), "register");
	}

	/**
	 * Register a connection with its groups in one script: no lookup sees it registered
	 * without them.
	 */
	@Override
	public void register(String connectionId, @Nullable String userId, Map<String, String> attributes,
			Set<String> groupNames) {
		checkRegistration(connectionId, userId, attributes, groupNames);
		register(connectionId, userId, attributes, Set.copyOf(groupNames), "register with groups");
	}

	private void register(String connectionId, @Nullable String userId, Map<String, String> attributes,
			Set<String> groupNames, String operation) {
		List<String> args = new ArrayList<>(6 + attributes.size() * 2 + groupNames.size());
		args.add(this.keyPrefix);
		args.add(connectionId);
		args.add(now());
		args.add(Long.toString(this.timeToLive.toMillis()));
		args.add((userId != null) ? userId : "");
		args.add(Integer.toString(attributes.size()));
		attributes.forEach((name, value) -> {
			args.add(name);
			args.add(value);
		});
		args.addAll(groupNames);
		execute(operation, () -> this.redis.execute(RedisScripts.REGISTER,
				List.of(connectionKey(connectionId), groupsKey(connectionId), connectionsKey()), args.toArray()));
	}

	@Override
	public boolean remove(String connectionId) {
		checkConnectionId(connectionId);
		Long removed = execute("remove",
				() -> this.redis.execute(RedisScripts.REMOVE,
						List.of(connectionKey(connectionId), groupsKey(connectionId), connectionsKey()), this.keyPrefix,
						connectionId, now()));
		return isOne(removed);
	}

	@Override
	public Optional<RegisteredConnection> find(String connectionId) {
		checkConnectionId(connectionId);
		Instant now = this.clock.instant();
		Map<Object, Object> hash = execute("find", () -> this.redis.opsForHash().entries(connectionKey(connectionId)));
		if (hash == null || hash.isEmpty()) {
			return Optional.empty();
		}
		RegisteredConnection connection = toConnection(connectionId, hash);
		return (connection == null || connection.isExpiredAt(now)) ? Optional.empty() : Optional.of(connection);
	}

	@Override
	public boolean join(String connectionId, String groupName) {
		checkConnectionId(connectionId);
		checkGroupName(groupName);
		Long joined = execute("join",
				() -> this.redis.execute(RedisScripts.JOIN,
						List.of(connectionKey(connectionId), groupsKey(connectionId), groupKey(groupName)),
						connectionId, groupName, now()));
		return isOne(joined);
	}

	@Override
	public boolean leave(String connectionId, String groupName) {
		checkConnectionId(connectionId);
		checkGroupName(groupName);
		Long left = execute("leave",
				() -> this.redis.execute(RedisScripts.LEAVE,
						List.of(connectionKey(connectionId), groupsKey(connectionId), groupKey(groupName)),
						connectionId, groupName, now()));
		return isOne(left);
	}

	@Override
	public Set<String> groups(String connectionId) {
		checkConnectionId(connectionId);
		return toSet(execute("look up groups", () -> this.redis.execute(RedisScripts.GROUPS,
				List.of(connectionKey(connectionId), groupsKey(connectionId)), now())));
	}

	@Override
	public Set<String> groupMembers(String groupName) {
		checkGroupName(groupName);
		return liveMembers("look up group members", groupKey(groupName));
	}

	@Override
	public long groupSize(String groupName) {
		checkGroupName(groupName);
		return countLive("count group members", groupKey(groupName));
	}

	@Override
	public Set<String> userConnections(String userId) {
		checkUserId(userId);
		return liveMembers("look up user connections", userKey(userId));
	}

	@Override
	public long userConnectionCount(String userId) {
		checkUserId(userId);
		return countLive("count user connections", userKey(userId));
	}

	@Override
	public Stream<String> connectionIds() {
		return liveMembers("list connections", connectionsKey()).stream();
	}

	@Override
	public long size() {
		return countLive("count connections", connectionsKey());
	}

	private Set<String> liveMembers(String operation, String indexKey) {
		return toSet(execute(operation, () -> this.redis.execute(RedisScripts.MEMBERS, List.of(indexKey), now())));
	}

	private long countLive(String operation, String indexKey) {
		// scores are whole milliseconds: live means score > now, so at least now + 1
		long firstLive = this.clock.millis() + 1;
		Long count = execute(operation,
				() -> this.redis.opsForZSet().count(indexKey, firstLive, Double.POSITIVE_INFINITY));
		return (count != null) ? count : 0;
	}

	private @Nullable RegisteredConnection toConnection(String connectionId, Map<Object, Object> hash) {
		Object registeredAt = hash.get("registeredAt");
		Object expiresAt = hash.get("expiresAt");
		if (registeredAt == null || expiresAt == null) {
			return null; // not written by this registry
		}
		Map<String, String> attributes = new HashMap<>();
		hash.forEach((field, value) -> {
			String name = (String) field;
			if (name.startsWith(ATTRIBUTE_FIELD_PREFIX)) {
				attributes.put(name.substring(ATTRIBUTE_FIELD_PREFIX.length()), (String) value);
			}
		});
		return new RegisteredConnection(connectionId, (String) hash.get("userId"), attributes,
				Instant.ofEpochMilli(Long.parseLong((String) registeredAt)),
				Instant.ofEpochMilli(Long.parseLong((String) expiresAt)));
	}

	private <T> T execute(String operation, Supplier<T> action) {
		try {
			return action.get();
		}
		catch (DataAccessException ex) {
			throw new ConnectionRegistryException(STORE, operation, ex);
		}
	}

	private String now() {
		return Long.toString(this.clock.millis());
	}

	private String connectionKey(String connectionId) {
		return this.keyPrefix + "conn:" + connectionId;
	}

	private String groupsKey(String connectionId) {
		return this.keyPrefix + "conn-groups:" + connectionId;
	}

	private String groupKey(String groupName) {
		return this.keyPrefix + "group:" + groupName;
	}

	private String userKey(String userId) {
		return this.keyPrefix + "user:" + userId;
	}

	private String connectionsKey() {
		return this.keyPrefix + "connections";
	}

	private static boolean isOne(@Nullable Long result) {
		return result != null && result == 1L;
	}

	@SuppressWarnings("unchecked")
	private static Set<String> toSet(@Nullable List<?> members) {
		return (members != null) ? Set.copyOf(new LinkedHashSet<>((List<String>) members)) : Set.of();
	}

}
