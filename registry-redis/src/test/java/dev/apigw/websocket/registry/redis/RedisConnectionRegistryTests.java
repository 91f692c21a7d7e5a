package dev.apigw.websocket.registry.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.apigw.websocket.registry.ConnectionRegistry;
import dev.apigw.websocket.registry.ConnectionRegistryContractTests;
import dev.apigw.websocket.registry.ConnectionRegistryException;
import dev.apigw.websocket.registry.LoopbackServerProcess;
import dev.apigw.websocket.registry.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RedisConnectionRegistry} against a real Redis server.
 */
@ExtendWith(RedisServerExtension.class)
class RedisConnectionRegistryTests extends ConnectionRegistryContractTests {

	private static LettuceConnectionFactory connectionFactory;

	private static StringRedisTemplate redis;

	// each test has keys of its own
	private final String prefix = "test:" + UUID.randomUUID() + ":";

	@BeforeAll
	static void connect(RedisServer server) {
		connectionFactory = connectionFactory(server.port(), Duration.ofSeconds(5));
		redis = new StringRedisTemplate(connectionFactory);
	}

	@AfterAll
	static void disconnect() {
		if (connectionFactory != null) {
			connectionFactory.destroy();
		}
	}

	@Override
	protected ConnectionRegistry createRegistry(MutableClock clock, Duration timeToLive) {
		RedisConnectionRegistry registry = new RedisConnectionRegistry(connectionFactory);
		registry.setKeyPrefix(this.prefix);
		registry.setClock(clock);
		registry.setTimeToLive(timeToLive);
		return registry;
	}

	@Override
	protected Workload workload() {
		return new Workload(4, 400, 40, 300);
	}

	@Override
	protected void assertStoreHoldsOnly(Set<String> connectionIds) {
		// KEYS in a test only, on a keyspace of its own
		Set<String> expected = new HashSet<>();
		for (String id : connectionIds) {
			expected.add(this.prefix + "conn:" + id);
			if (!registry().groups(id).isEmpty()) {
				expected.add(this.prefix + "conn-groups:" + id);
			}
		}
		Set<String> keys = redis.keys(this.prefix + "*");
		Set<String> indexes = new HashSet<>(keys);
		indexes.removeAll(expected);
		assertThat(keys).containsAll(expected);
		for (String index : indexes) {
			assertThat(index).as("index key")
				.matches((key) -> key.startsWith(this.prefix + "group:") || key.startsWith(this.prefix + "user:")
						|| key.equals(this.prefix + "connections"), "is a group, user or connections index");
			assertThat(connectionIds).as("members of %s", index).containsAll(redis.opsForZSet().range(index, 0, -1));
		}
	}

	@Test
	void keysFollowTheDocumentedLayoutAndExpireWithTheConnection() {
		registry().register("Aq3=", "ada", Map.of("plan", "pro"));
		registry().join("Aq3=", "lobby");
		long expiresAt = registry().find("Aq3=").orElseThrow().expiresAt().toEpochMilli();

		assertThat(redis.keys(this.prefix + "*")).containsExactlyInAnyOrder(this.prefix + "conn:Aq3=",
				this.prefix + "conn-groups:Aq3=", this.prefix + "group:lobby", this.prefix + "user:ada",
				this.prefix + "connections");
		assertThat(redis.opsForHash().entries(this.prefix + "conn:Aq3=")).containsOnlyKeys("registeredAt", "expiresAt",
				"userId", "a:plan");
		assertThat(redis.opsForZSet().score(this.prefix + "group:lobby", "Aq3=")).isEqualTo((double) expiresAt);
		assertThat(redis.opsForZSet().score(this.prefix + "user:ada", "Aq3=")).isEqualTo((double) expiresAt);
		assertThat(redis.opsForSet().members(this.prefix + "conn-groups:Aq3=")).containsExactly("lobby");
		for (String key : redis.keys(this.prefix + "*")) {
			assertThat(pexpireTime(key)).as("expiry of %s", key).isEqualTo(expiresAt);
		}
	}

	@Test
	void indexesExpireWithTheirLongestLivedMember() {
		registry().register("a", Map.of());
		registry().join("a", "lobby");
		this.clock.advance(Duration.ofMinutes(10));
		registry().register("b", Map.of());
		registry().join("b", "lobby");
		long laterExpiry = registry().find("b").orElseThrow().expiresAt().toEpochMilli();

		assertThat(pexpireTime(this.prefix + "group:lobby")).isEqualTo(laterExpiry);
		assertThat(pexpireTime(this.prefix + "connections")).isEqualTo(laterExpiry);
	}

	@Test
	void lookupsDropExpiredMembersFromTheIndex() {
		registry().register("a", Map.of());
		registry().join("a", "lobby");
		this.clock.advance(Duration.ofMinutes(10));
		registry().register("b", Map.of());
		registry().join("b", "lobby");
		this.clock.advance(TTL.minusMinutes(5));

		assertThat(redis.opsForZSet().size(this.prefix + "group:lobby")).isEqualTo(2);
		assertThat(registry().groupMembers("lobby")).containsExactly("b");
		assertThat(redis.opsForZSet().range(this.prefix + "group:lobby", 0, -1)).containsExactly("b");
	}

	@Test
	void operationsNeverScanTheKeyspace() {
		redis.execute((RedisCallback<Object>) (connection) -> {
			connection.serverCommands().resetConfigStats();
			return null;
		});
		registry().register("a", "ada", Map.of("plan", "pro"));
		registry().join("a", "lobby");
		registry().groupMembers("lobby");
		registry().groupSize("lobby");
		registry().userConnections("ada");
		registry().userConnectionCount("ada");
		registry().groups("a");
		registry().find("a");
		registry().connectionIds().toList();
		registry().size();
		registry().leave("a", "lobby");
		registry().remove("a");

		String commandStats = redis.execute(
				(RedisCallback<String>) (connection) -> connection.serverCommands().info("commandstats").toString());
		assertThat(commandStats).contains("cmdstat_evalsha")
			.doesNotContain("cmdstat_keys")
			.doesNotContain("cmdstat_scan");
	}

	@Test
	void keyPrefixDefaultsToApigwWs() {
		RedisConnectionRegistry registry = new RedisConnectionRegistry(connectionFactory);
		assertThat(registry.getKeyPrefix()).isEqualTo("apigw:ws:")
			.isEqualTo(RedisConnectionRegistry.DEFAULT_KEY_PREFIX);
		assertThat(registry.getTimeToLive()).isEqualTo(Duration.ofHours(2));
		registry.register("default-prefix", Map.of());
		try {
			assertThat(redis.hasKey("apigw:ws:conn:default-prefix")).isTrue();
		}
		finally {
			registry.remove("default-prefix");
		}
		assertThat(redis.keys("apigw:ws:*")).isEmpty();
	}

	@Test
	void invalidSettingsAreRejected() {
		RedisConnectionRegistry registry = new RedisConnectionRegistry(connectionFactory);
		assertThatIllegalArgumentException().isThrownBy(() -> registry.setKeyPrefix(" "))
			.withMessage("'keyPrefix' must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> registry.setTimeToLive(Duration.ofNanos(10)))
			.withMessage("'timeToLive' must be at least one millisecond, but was PT0.00000001S");
	}

	@Test
	void redisThatIsDownFailsWithAConnectionRegistryException() {
		LettuceConnectionFactory down = connectionFactory(LoopbackServerProcess.freePort(), Duration.ofSeconds(2));
		try {
			RedisConnectionRegistry registry = new RedisConnectionRegistry(down);
			assertThatExceptionOfType(ConnectionRegistryException.class)
				.isThrownBy(() -> registry.register("a", Map.of()))
				.withMessageStartingWith("Connection registry on Redis failed to register: ")
				.satisfies((ex) -> {
					assertThat(ex.getStore()).isEqualTo("Redis");
					assertThat(ex.getOperation()).isEqualTo("register");
				});
			assertThatExceptionOfType(ConnectionRegistryException.class)
				.isThrownBy(() -> registry.groupMembers("lobby"))
				.withMessageStartingWith("Connection registry on Redis failed to look up group members: ");
		}
		finally {
			down.destroy();
		}
	}

	@Test
	void redisThatIsPausedFailsWithAConnectionRegistryExceptionAfterTheCommandTimeout(RedisServer server) {
		LettuceConnectionFactory impatient = connectionFactory(server.port(), Duration.ofMillis(200));
		try {
			RedisConnectionRegistry registry = new RedisConnectionRegistry(impatient);
			registry.setKeyPrefix(this.prefix);
			registry.register("a", Map.of());
			// every client waits for a second, as behind a long command or a failover
			redis.execute((RedisCallback<Object>) (connection) -> connection.execute("CLIENT",
					"PAUSE".getBytes(StandardCharsets.US_ASCII), "1000".getBytes(StandardCharsets.US_ASCII)));
			assertThatExceptionOfType(ConnectionRegistryException.class).isThrownBy(() -> registry.join("a", "lobby"))
				.withMessageStartingWith("Connection registry on Redis failed to join: ")
				.withMessageContaining("timed out");
		}
		finally {
			impatient.destroy();
		}
	}

	@Test
	void redisThatDoesNotAnswerFailsWithAConnectionRegistryExceptionAfterTheCommandTimeout() throws Exception {
		// accepts connections and never answers, as a Redis stuck on a long command
		List<Socket> accepted = new CopyOnWriteArrayList<>();
		ExecutorService acceptor = Executors.newSingleThreadExecutor();
		try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
			acceptor.submit(() -> {
				while (!silent.isClosed()) {
					try {
						accepted.add(silent.accept());
					}
					catch (IOException ex) {
						return;
					}
				}
			});
			LettuceConnectionFactory slow = connectionFactory(silent.getLocalPort(), Duration.ofMillis(300));
			try {
				RedisConnectionRegistry registry = new RedisConnectionRegistry(slow);
				assertThatExceptionOfType(ConnectionRegistryException.class)
					.isThrownBy(() -> registry.join("a", "lobby"))
					.withMessageStartingWith("Connection registry on Redis failed to join: ")
					.withMessageContaining("timed out after 300 millisecond(s)");
			}
			finally {
				slow.destroy();
			}
		}
		finally {
			acceptor.shutdownNow();
			for (Socket socket : accepted) {
				socket.close();
			}
		}
	}

	private static long pexpireTime(String key) {
		return redis.execute(RedisScript.of("return redis.call('PEXPIRETIME', KEYS[1])", Long.class), List.of(key));
	}

	static LettuceConnectionFactory connectionFactory(int port, Duration commandTimeout) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port),
				LettuceClientConfiguration.builder().commandTimeout(commandTimeout).build());
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}
